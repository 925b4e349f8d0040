using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Changes;

public sealed class ChangeFeedTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task A_client_syncing_from_nothing_while_another_writes_ends_with_exactly_the_data_the_api_holds()
    {
        var reader = await ClientWithRoleAsync("reader");
        var writer = await ClientWithRoleAsync("editor");
        var copy = new Dictionary<string, JsonObject>();
        var cursor = "0";

        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                var organisation = await writer.CreateOrganisationAsync($"Organisation {i:D2}");
                if (i % 3 == 0) (await writer.PatchAsync(organisation.Id(), """{"notes": "changed"}""", Requests.ETag(organisation))).EnsureSuccessStatusCode();
                if (i % 5 == 0)
                {
                    var current = await writer.ReadAsync(Routes.Organisations, organisation.Id());
                    (await writer.ArchiveAsync(Routes.Organisations, current)).EnsureSuccessStatusCode();
                }
            }
        });

        async Task PollAsync()
        {
            var page = await (await reader.GetAsync($"/api/changes?after={cursor}&limit=7&entityType=organisation")).JsonAsync(HttpStatusCode.OK);
            foreach (var change in page["items"]!.AsArray().Select(c => c!.AsObject()))
            {
                var id = (string)change["entityId"]!;
                if ((bool)change["tombstone"]!) copy.Remove(id);
                else copy[id] = change["data"]!.AsObject();
            }
            cursor = (string)page["nextCursor"]!;
        }

        while (!writing.IsCompleted) await PollAsync();
        await writing;
        var previous = "";
        while (previous != cursor)
        {
            previous = cursor;
            await PollAsync();
        }

        var live = new List<JsonObject>();
        string? next = null;
        do
        {
            var page = await (await reader.GetAsync($"{Routes.Organisations}?limit=200{(next is null ? "" : $"&cursor={next}")}")).JsonAsync(HttpStatusCode.OK);
            live.AddRange(page["items"]!.AsArray().Select(o => o!.AsObject()));
            next = (string?)page["nextCursor"];
        } while (next is not null);

        Assert.That(copy.Keys, Is.EquivalentTo(live.Select(o => o.Id())));
        Assert.That(live, Has.Count.EqualTo(48));
        foreach (var organisation in live)
        {
            Assert.That(JsonNode.DeepEquals(copy[organisation.Id()], organisation), Is.True, organisation.ToJsonString());
        }
    }

    [Test]
    public async Task Api_key_changes_are_in_the_feed_for_admins_only()
    {
        var reader = await ClientWithRoleAsync("reader");
        var forReader = await (await reader.GetAsync("/api/changes")).JsonAsync(HttpStatusCode.OK);
        var forAdmin = await (await Admin.GetAsync("/api/changes")).JsonAsync(HttpStatusCode.OK);
        Assert.That(forReader["items"]!.AsArray().Select(c => (string)c!["entityType"]!), Has.None.EqualTo("apiKey"));
        Assert.That(forAdmin["items"]!.AsArray().Select(c => (string)c!["entityType"]!), Has.Some.EqualTo("apiKey"));
        await (await reader.GetAsync("/api/changes?after=yesterday")).FieldErrorAsync("after");
    }

    [Test]
    public async Task An_entity_type_the_feed_does_not_have_is_a_400_not_an_empty_feed()
    {
        await Admin.CreateOrganisationAsync("TikTok");
        var message = await (await Admin.GetAsync("/api/changes?entityType=organization")).FieldErrorAsync("entityType");
        Assert.That(message, Does.Contain("organisation"));
        var page = await (await Admin.GetAsync("/api/changes?entityType=organisation")).JsonAsync(HttpStatusCode.OK);
        Assert.That(page["items"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task History_shows_who_changed_what_and_when_with_before_and_after()
    {
        var editor = await ClientWithRoleAsync("editor", "policy-unit");
        var organisation = await editor.CreateOrganisationAsync("Tik Tok");
        var renamed = await (await editor.PatchAsync(organisation.Id(), """{"name": "TikTok"}""", Requests.ETag(organisation))).JsonAsync(HttpStatusCode.OK);
        (await Admin.ArchiveAsync(Routes.Organisations, renamed)).EnsureSuccessStatusCode();

        var history = await (await editor.GetAsync($"{Routes.Organisations}/{organisation.Id()}/history")).JsonAsync(HttpStatusCode.OK);
        var entries = history["items"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.That(entries.Select(e => $"{e["operation"]}:{e["actor"]}"),
            Is.EqualTo(new[] { "created:policy-unit", "updated:policy-unit", "archived:bootstrap-admin" }));
        Assert.That(entries[0]["before"], Is.Null);
        Assert.That((string)entries[1]["before"]!["name"]!, Is.EqualTo("Tik Tok"));
        Assert.That((string)entries[1]["after"]!["name"]!, Is.EqualTo("TikTok"));
        Assert.That((bool)entries[2]["after"]!["archived"]!, Is.True);

        await (await editor.GetAsync($"{Routes.Organisations}/{Guid.NewGuid()}/history")).ProblemAsync(HttpStatusCode.NotFound);
        var firstPage = await (await editor.GetAsync($"{Routes.Organisations}/{organisation.Id()}/history?limit=2")).JsonAsync(HttpStatusCode.OK);
        var secondPage = await (await editor.GetAsync($"{Routes.Organisations}/{organisation.Id()}/history?limit=2&cursor={firstPage["nextCursor"]}"))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That((string)secondPage["items"]![0]!["operation"]!, Is.EqualTo("archived"));
        Assert.That((string)secondPage["items"]![0]!["before"]!["name"]!, Is.EqualTo("TikTok"));
    }
}
