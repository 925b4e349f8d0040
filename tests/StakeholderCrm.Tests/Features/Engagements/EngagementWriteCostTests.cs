using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Features.Organisations;
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
        var smallCreate = await DatabaseCommands.CountAsync(async () => Remember(await Admin.PostAsJsonAsync(Route, small), r => smallCreated = r));
        var largeCreate = await DatabaseCommands.CountAsync(async () => Remember(await Admin.PostAsJsonAsync(Route, large), r => largeCreated = r));
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
    private async Task<(JsonObject Small, JsonObject Large)> BodiesAsync(SeedMeeting seed)
    {
        var small = new JsonObject
        {
            ["title"] = "Small", ["kind"] = "meeting", ["status"] = "held", ["startsAt"] = "2021-06-28T10:00:00Z",
            ["organisationIds"] = new JsonArray(seed.TikTok.Id()),
            ["participants"] = new JsonArray(new JsonObject { ["contactId"] = seed.Greer.Id() }),
            ["topicIds"] = new JsonArray(seed.ChildSafety.Id()),
        };

        var organisations = new List<string> { seed.TikTok.Id() };
        for (var i = 1; i < 3; i++) organisations.Add((await Admin.CreateOrganisationAsync($"Platform {i}")).Id());
        var topics = new List<string>();
        for (var i = 0; i < 5; i++) topics.Add((await Admin.CreateAsync(Routes.Topics, new { name = $"Topic {i}" })).Id());
        var people = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            people.Add((await Admin.CreateAsync(Routes.Contacts, new { fullName = $"Delegate {i}", positions = new[] { new { organisationId = organisations[i % 3] } } })).Id());
        }
        var large = new JsonObject
        {
            ["title"] = "Large", ["kind"] = "meeting", ["status"] = "held", ["startsAt"] = "2021-06-29T10:00:00Z",
            ["organisationIds"] = Array(organisations.Select(o => (JsonNode)o)),
            ["participants"] = Array(people.Select((p, i) => (JsonNode)new JsonObject { ["contactId"] = p, ["role"] = $"Role {i}" })),
            ["topicIds"] = Array(topics.Select(t => (JsonNode)t)),
            ["keyPoints"] = Array(Enumerable.Range(0, 30).Select(i => (JsonNode)new JsonObject { ["section"] = "detail", ["text"] = $"Point {i} about subject{i}" })),
            ["links"] = Array(Enumerable.Range(0, 10).Select(i => (JsonNode)new JsonObject { ["url"] = $"https://example.org/{i}", ["title"] = $"Link {i}" })),
            ["distribution"] = Array(people.Take(10).Select(p => (JsonNode)new JsonObject { ["contactId"] = p, ["kind"] = "cc" })),
            ["externalIds"] = Array(Enumerable.Range(0, 5).Select(i => (JsonNode)new JsonObject { ["system"] = "home-ares", ["id"] = $"Ares(2021){i}" })),
        };
        return (small, large);
    }

    private static JsonArray Array(IEnumerable<JsonNode> items) => new(items.ToArray());
}
