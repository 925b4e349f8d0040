using MediatR;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Features.Demo;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Demo;

public sealed class SeedDemoTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Loads_the_report_as_data_and_a_second_run_adds_nothing()
    {
        var first = await RunAsync();
        var changes = await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes");
        var second = await RunAsync();

        Assert.That(first, Is.EqualTo(41 + RegisterXml.DemoEntries), "the report's records and the demo register's entries");
        Assert.That(second, Is.Zero);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes"), Is.EqualTo(changes));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM memberships"), Is.EqualTo(6));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM commitments WHERE direction = 'theirs'"), Is.EqualTo(4));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM engagement_key_points"), Is.EqualTo(10));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM engagement_links"), Is.EqualTo(3));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM engagement_distribution WHERE kind = 'to'"), Is.EqualTo(4));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations WHERE internal = 1"), Is.EqualTo(2));

        var tiktok = (await Admin.ListAsync("/api/organisations", "q=tik%20tok")).Single();
        var briefing = await (await Admin.GetAsync($"/api/organisations/{tiktok.Id()}/briefing")).JsonAsync(HttpStatusCode.OK);
        Assert.That(briefing["openCommitments"]!.AsArray(), Has.Count.EqualTo(4));
        Assert.That(briefing["latestFigures"]!.AsArray(), Has.Count.EqualTo(7));
        var call = briefing["recentEngagements"]!.AsArray().Single()!;
        Assert.That(((string)call["timeZone"]!, (string)call["localStartsAt"]!), Is.EqualTo(("Europe/Brussels", "2021-06-28T12:00:00+02:00")),
            "the call was at 12:00 Brussels time");

        Assert.That((bool)tiktok["interestRepresentative"]!, Is.True);
        var meeting = await Admin.ReadAsync("/api/engagements", (string)call["id"]!);
        Assert.That(meeting["participants"]!.AsArray().Select(p => ((string)p!["fullName"]!, (string?)p["function"])), Is.EqualTo(new[]
        {
            ("Monika Maglione", (string?)"cabinetMember"), ("Caroline Greer", null), ("Alexandra Evans", null),
        }), "Monika Maglione met TikTok as a member of Commissioner Johansson's cabinet");
        Assert.That(await TestDatabase.CountAsync(Host,
            "SELECT COUNT(*) FROM contacts WHERE positions LIKE '%\"function\":\"directorGeneral\"%'"), Is.EqualTo(1), "Monique Pariat");

        Assert.That(((string)tiktok["registration"]!["identificationCode"]!, (bool)tiktok["registered"]!), Is.EqualTo((SeedDemo.TikTokRegisterId, true)));
        var publication = meeting["publication"]!;
        Assert.That(((bool)publication["required"]!, (string)publication["deadline"]!, (string)publication["status"]!),
            Is.EqualTo((true, "2021-07-12", "overdue")), "a cabinet member's call with TikTok, never marked published");
        Assert.That(meeting["warnings"]!.AsArray(), Is.Empty, "TikTok was in the demo register on 28 June 2021");
    }

    private async Task<int> RunAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await new SeedDemo(scope.ServiceProvider.GetRequiredService<IMediator>()).RunAsync(CancellationToken.None);
    }
}
