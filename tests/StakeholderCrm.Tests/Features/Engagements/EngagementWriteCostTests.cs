using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Engagements;

/// <summary>Child rows go in with one statement per table, so a write costs the same round trips whatever its size.</summary>
public sealed class EngagementWriteCostTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Engagements;

    [Test]
    public async Task Creating_and_updating_a_large_engagement_cost_the_same_sql_commands_as_a_small_one()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var (small, large) = await BodiesAsync(seed);

        JsonObject? smallCreated = null, largeCreated = null;
        var smallCreate = await DatabaseCommands.CountAsync(async () => Remember(await Admin.PostAsync(Route, small), r => smallCreated = r));
        var largeCreate = await DatabaseCommands.CountAsync(async () => Remember(await Admin.PostAsync(Route, large), r => largeCreated = r));
        Assert.That(largeCreated!["keyPoints"]!.AsArray(), Has.Count.EqualTo(30), "the large engagement was written whole");

        var smallUpdate = await DatabaseCommands.CountAsync(() => Admin.PatchAsync(Route, smallCreated!, """{"title": "Small, renamed"}"""));
        var largeUpdate = await DatabaseCommands.CountAsync(() => Admin.PatchAsync(Route, largeCreated!, """{"title": "Large, renamed"}"""));

        TestContext.Out.WriteLine($"create: small {smallCreate}, large {largeCreate}; update: small {smallUpdate}, large {largeUpdate}");
        Assert.That(largeCreate, Is.EqualTo(smallCreate), "a create costs the same whatever its size");
        Assert.That(largeUpdate, Is.EqualTo(smallUpdate), "an update costs the same whatever its size");
    }

    private static HttpResponseMessage Remember(HttpResponseMessage response, Action<JsonObject> keep)
    {
        keep(response.Content.ReadFromJsonAsync<JsonObject>().GetAwaiter().GetResult()!);
        return response;
    }

    /// <summary>
    /// One participant, organisation and topic and nothing else; and 20 participants, 30 key points, 10 links, 10 recipients,
    /// 5 topics, 3 organisations and 5 external ids. The small one names a topic because a reference check is skipped for an empty list.
    /// </summary>
    private async Task<(NewEngagement Small, NewEngagement Large)> BodiesAsync(SeedMeeting seed)
    {
        var small = new NewEngagement("Small", "2021-06-28T10:00:00Z")
        {
            OrganisationIds = [seed.TikTok.Id()], Participants = [new NewParticipant(seed.Greer.Id())], TopicIds = [seed.ChildSafety.Id()],
        };

        var organisations = new List<string> { seed.TikTok.Id() };
        for (var i = 1; i < 3; i++) organisations.Add((await Admin.CreateOrganisationAsync($"Platform {i}")).Id());
        var topics = new List<string>();
        for (var i = 0; i < 5; i++) topics.Add((await Admin.CreateAsync(Routes.Topics, new NewTopic($"Topic {i}"))).Id());
        var people = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var attendee = new NewContact($"Delegate {i}") { Positions = [new NewPosition(organisations[i % 3])] };
            people.Add((await Admin.CreateAsync(Routes.Contacts, attendee)).Id());
        }
        var large = new NewEngagement("Large", "2021-06-29T10:00:00Z")
        {
            OrganisationIds = organisations,
            Participants = [.. people.Select((p, i) => new NewParticipant(p) { Role = $"Role {i}" })],
            TopicIds = topics,
            KeyPoints = [.. Enumerable.Range(0, 30).Select(i => new NewKeyPoint("detail", $"Point {i} about subject{i}"))],
            Links = [.. Enumerable.Range(0, 10).Select(i => new NewLink($"https://example.org/{i}", $"Link {i}"))],
            Distribution = [.. people.Take(10).Select(p => new NewRecipient(p, "cc"))],
            ExternalIds = [.. Enumerable.Range(0, 5).Select(i => new ExternalIdBody("home-ares", $"Ares(2021){i}"))],
        };
        return (small, large);
    }
}
