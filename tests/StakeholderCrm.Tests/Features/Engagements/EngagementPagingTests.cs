using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Engagements;

public sealed class EngagementPagingTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Engagements;

    [Test]
    public async Task Pages_500_engagements_each_exactly_once_newest_first()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var start = new DateTimeOffset(2020, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var created = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            var body = Minimal(seed, $"Meeting {i}", start.AddHours(i % 7 == 0 ? 0 : i));
            created.Add((await Admin.CreateAsync(Route, body)).Id());
        }

        var seen = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await (await Admin.GetAsync($"{Route}?limit=50{(cursor is null ? "" : $"&cursor={cursor}")}")).JsonAsync(HttpStatusCode.OK);
            var items = page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
            Assert.That(items.Count, Is.LessThanOrEqualTo(50));
            seen.AddRange(items);
            cursor = (string?)page["nextCursor"];
        } while (cursor is not null);

        Assert.That(seen.Select(e => e.Id()), Is.EquivalentTo(created));
        Assert.That(seen.Select(e => e.Id()), Is.Unique);
        var starts = seen.Select(e => DateTimeOffset.Parse((string)e["startsAt"]!)).ToList();
        Assert.That(starts, Is.Ordered.Descending);
    }

    [Test]
    public async Task Reading_a_large_engagement_costs_the_same_sql_commands_as_a_small_one()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var small = await Admin.CreateAsync(Route, Minimal(seed, "Small", DateTimeOffset.UtcNow.AddDays(-1)));

        var large = Minimal(seed, "Large", DateTimeOffset.UtcNow.AddDays(-2));
        var participants = new List<NewParticipant>();
        for (var i = 0; i < 30; i++)
        {
            var person = await Admin.CreateAsync(Routes.Contacts, new NewContact($"Delegate {i}") { Positions = [new NewPosition(seed.TikTok.Id())] });
            participants.Add(new NewParticipant(person.Id()));
        }
        var big = await Admin.CreateAsync(Route, large with
        {
            Participants = participants,
            KeyPoints = [.. Enumerable.Range(0, 20).Select(i => new NewKeyPoint("detail", $"Point {i}"))],
            Links = [.. Enumerable.Range(0, 10).Select(i => new NewLink($"https://example.org/{i}"))],
        });

        var smallCommands = await CommandsToReadAsync(small.Id());
        var largeCommands = await CommandsToReadAsync(big.Id());
        Assert.That(largeCommands, Is.EqualTo(smallCommands));
        Assert.That(smallCommands, Is.InRange(2, 4), "key lookup, the row, and one batch of child lists");

        var listSmall = await CommandsToListAsync("limit=1");
        var listBoth = await CommandsToListAsync("limit=50");
        Assert.That(listBoth, Is.EqualTo(listSmall), "a list page costs the same whatever it holds");
    }

    private async Task<long> CommandsToReadAsync(string id) => await DatabaseCommands.CountAsync(() => Admin.GetAsync($"{Route}/{id}"));

    private async Task<long> CommandsToListAsync(string query) => await DatabaseCommands.CountAsync(() => Admin.GetAsync($"{Route}?{query}"));

    private static NewEngagement Minimal(SeedMeeting seed, string title, DateTimeOffset startsAt) => new(title, startsAt.ToString("O"))
    {
        OrganisationIds = [seed.TikTok.Id()], Participants = [new NewParticipant(seed.Greer.Id())],
    };
}
