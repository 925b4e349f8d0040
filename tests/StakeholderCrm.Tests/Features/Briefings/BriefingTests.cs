using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Features.Organisations;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Briefings;

public sealed class BriefingTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task An_organisation_with_no_data_gets_empty_sections_not_an_error()
    {
        var quiet = await Admin.CreateOrganisationAsync("A quiet NGO", new { kind = "ngo" });
        var briefing = await (await Admin.GetAsync($"/api/organisations/{quiet.Id()}/briefing")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)briefing["organisation"]!["name"]!, Is.EqualTo("A quiet NGO"));
        foreach (var section in new[] { "representatives", "recentEngagements", "openCommitments", "overdueCommitments", "memberships", "latestFigures", "topTopics" })
        {
            Assert.That(briefing[section]!.AsArray(), Is.Empty, section);
        }
        var timeline = await (await Admin.GetAsync($"/api/organisations/{quiet.Id()}/timeline")).JsonAsync(HttpStatusCode.OK);
        Assert.That(timeline["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Unknown_organisations_are_404()
    {
        await (await Admin.GetAsync($"/api/organisations/{Guid.NewGuid()}/briefing")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync($"/api/organisations/{Guid.NewGuid()}/timeline")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
