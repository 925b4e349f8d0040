using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Organisations;

public sealed class UpdateOrganisationTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task A_merge_patch_changes_only_the_fields_it_names_and_returns_the_new_etag()
    {
        var created = await Admin.CreateOrganisationAsync(new NewOrganisation("Tik Tok") { Country = "IE", Aliases = ["TikTok"], Notes = "First contact." });
        var response = await Admin.PatchAsync((string)created["id"]!, """{"name": "TikTok Technology Ltd", "notes": null}""", Requests.ETag(created));
        var updated = await response.JsonAsync(HttpStatusCode.OK);

        Assert.That(response.Headers.ETag!.Tag, Is.EqualTo("\"2\""));
        Assert.That((string)updated["name"]!, Is.EqualTo("TikTok Technology Ltd"));
        Assert.That(updated["notes"], Is.Null);
        Assert.That((string)updated["country"]!, Is.EqualTo("IE"));
        Assert.That(updated["aliases"]!.AsArray().Select(a => (string)a!), Is.EqualTo(new[] { "TikTok" }));
        Assert.That((string)updated["createdAt"]!, Is.EqualTo((string)created["createdAt"]!));
    }

    [Test]
    public async Task A_clear_list_clears_as_null_does_for_clients_that_cannot_send_null()
    {
        var created = await Admin.CreateOrganisationAsync(new NewOrganisation("TikTok") { Country = "IE", Website = "https://www.tiktok.com", Notes = "x" });
        var id = (string)created["id"]!;
        var updated = await (await Admin.PatchAsync(id, """{"clear": ["website", "notes"], "country": "BE"}""", Requests.ETag(created)))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(updated["website"], Is.Null);
        Assert.That(updated["notes"], Is.Null);
        Assert.That((string)updated["country"]!, Is.EqualTo("BE"));
        Assert.That((string)updated["name"]!, Is.EqualTo("TikTok"));

        Assert.That(await (await Admin.PatchAsync(id, """{"clear": ["name"]}""", Requests.ETag(updated))).FieldErrorAsync("clear"),
            Does.Contain("transparencyRegisterId, country, website, parentId, notes"), "a name cannot be cleared");
        await (await Admin.PatchAsync(id, """{"clear": ["Website"]}""", Requests.ETag(updated))).FieldErrorAsync("clear");
        await (await Admin.PatchAsync(id, """{"clear": "website"}""", Requests.ETag(updated))).FieldErrorAsync("clear");
        Assert.That(await (await Admin.PatchAsync(id, """{"clear": ["country"], "country": "FR"}""", Requests.ETag(updated))).FieldErrorAsync("country"),
            Does.Contain("both set and named in"));
        await (await Admin.PatchAsync(id, """{"name": null}""", Requests.ETag(updated))).FieldErrorAsync("name");
        var read = await (await Admin.GetAsync($"{Routes.Organisations}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)read["version"]!, Is.EqualTo(2), "no refused patch wrote anything");
    }

    [Test]
    public async Task A_patch_that_changes_nothing_writes_no_version_history_or_change()
    {
        var created = await Admin.CreateOrganisationAsync(new NewOrganisation("TikTok") { Country = "IE", Aliases = ["Tik Tok"] });
        var id = (string)created["id"]!;
        foreach (var patch in new[] { "{}", """{"name": "TikTok", "country": "IE", "aliases": ["Tik Tok"]}""", """{"kind": "company"}""",
            """{"name": " TikTok ", "country": "ie"}""" })
        {
            var response = await Admin.PatchAsync(id, patch, Requests.ETag(created));
            var same = await response.JsonAsync(HttpStatusCode.OK);
            Assert.That(response.Headers.ETag!.Tag, Is.EqualTo("\"1\""), patch);
            Assert.That(JsonNode.DeepEquals(same, created), Is.True, patch);
        }
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes WHERE entity_type = 'organisation'"), Is.EqualTo(1));

        var changed = await (await Admin.PatchAsync(id, """{"country": "FR"}""", Requests.ETag(created))).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)changed["version"]!, Is.EqualTo(2));
        await (await Admin.PatchAsync(id, "{}", Requests.ETag(created))).ProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task Without_if_match_is_a_428_and_changes_nothing()
    {
        var created = await Admin.CreateOrganisationAsync("Tech Coalition");
        await (await Admin.PatchAsync((string)created["id"]!, """{"notes": "x"}""", ifMatch: null)).ProblemAsync(HttpStatusCode.PreconditionRequired);
        var read = await (await Admin.GetAsync($"{Routes.Organisations}/{created["id"]}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)read["version"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task A_stale_if_match_is_a_412_and_keeps_the_winner_change()
    {
        var created = await Admin.CreateOrganisationAsync("Tech Coalition");
        var id = (string)created["id"]!;
        (await Admin.PatchAsync(id, """{"notes": "winner"}""", Requests.ETag(created))).EnsureSuccessStatusCode();
        await (await Admin.PatchAsync(id, """{"notes": "loser"}""", Requests.ETag(created))).ProblemAsync(HttpStatusCode.PreconditionFailed);
        var read = await (await Admin.GetAsync($"{Routes.Organisations}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)read["notes"]!, Is.EqualTo("winner"));
    }

    [TestCase("""{"kind": "platform"}""", "kind")]
    [TestCase("""{"name": null}""", "name")]
    [TestCase("""{"website": "not a url"}""", "website")]
    [TestCase("""{"unknown": 1}""", "unknown")]
    [TestCase("""{"internal": "yes"}""", "internal")]
    [TestCase("""{"id": "00000000-0000-0000-0000-000000000001"}""", "id")]
    [TestCase("""[1, 2]""", "body")]
    public async Task Rejects_an_invalid_patch_naming_the_field(string patch, string field)
    {
        var created = await Admin.CreateOrganisationAsync("Tech Coalition");
        await (await Admin.PatchAsync((string)created["id"]!, patch, Requests.ETag(created))).FieldErrorAsync(field);
    }

    [Test]
    public async Task Renaming_to_a_live_name_is_a_conflict_naming_it()
    {
        var first = await Admin.CreateOrganisationAsync("EU Internet Forum Secretariat");
        var second = await Admin.CreateOrganisationAsync("Another");
        var problem = await (await Admin.PatchAsync((string)second["id"]!, """{"name": "eu internet forum secretariat"}""", Requests.ETag(second)))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)problem["conflictingId"]!, Is.EqualTo((string)first["id"]!));
    }

    [Test]
    public async Task A_parent_cycle_is_a_conflict()
    {
        var bytedance = await Admin.CreateOrganisationAsync("ByteDance");
        var tiktok = await Admin.CreateOrganisationAsync(new NewOrganisation("TikTok") { ParentId = (string)bytedance["id"]! });
        var tiktokIreland = await Admin.CreateOrganisationAsync(new NewOrganisation("TikTok Ireland") { ParentId = (string)tiktok["id"]! });

        var cycle = await Admin.PatchAsync((string)bytedance["id"]!, $$"""{"parentId": "{{tiktokIreland["id"]}}"}""", Requests.ETag(bytedance));
        var problem = await cycle.ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)problem["conflictingId"]!, Is.EqualTo((string)tiktokIreland["id"]!));

        var self = await Admin.PatchAsync((string)tiktok["id"]!, $$"""{"parentId": "{{tiktok["id"]}}"}""", Requests.ETag(tiktok));
        await self.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task An_unknown_organisation_is_a_404()
        => await (await Admin.PatchAsync(Guid.NewGuid().ToString(), """{"notes": "x"}""", "\"1\"")).ProblemAsync(HttpStatusCode.NotFound);

    [Test]
    public async Task A_renamed_organisation_is_found_by_its_new_name_only()
    {
        var created = await Admin.CreateOrganisationAsync("Musical.ly");
        (await Admin.PatchAsync((string)created["id"]!, """{"name": "TikTok"}""", Requests.ETag(created))).EnsureSuccessStatusCode();
        var byNew = await (await Admin.GetAsync($"{Routes.Organisations}?q=tiktok")).JsonAsync(HttpStatusCode.OK);
        var byOld = await (await Admin.GetAsync($"{Routes.Organisations}?q=musical")).JsonAsync(HttpStatusCode.OK);
        Assert.That(byNew["items"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(byOld["items"]!.AsArray(), Is.Empty);
    }
}

public sealed class ConcurrentUpdateTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Two_clients_patching_the_same_version_one_wins_and_the_other_gets_412()
    {
        var created = await Admin.CreateOrganisationAsync("Tech Coalition");
        var first = await ClientWithRoleAsync("editor");
        var second = await ClientWithRoleAsync("editor");
        var responses = await Task.WhenAll(
            first.PatchAsync((string)created["id"]!, """{"notes": "first"}""", Requests.ETag(created)),
            second.PatchAsync((string)created["id"]!, """{"notes": "second"}""", Requests.ETag(created)));

        Assert.That(responses.Select(r => r.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.PreconditionFailed }));
        var winner = responses[0].StatusCode == HttpStatusCode.OK ? "first" : "second";
        var final = await (await Admin.GetAsync($"{Routes.Organisations}/{created["id"]}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)final["notes"]!, Is.EqualTo(winner));
        Assert.That((int)final["version"]!, Is.EqualTo(2));
    }
}
