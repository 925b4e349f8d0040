using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features;

public sealed class ExternalIdTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string ByExternalId = "/api/organisations/by-external-id/transparency-register/638196238455-09";

    [Test]
    public async Task Put_by_external_id_creates_then_replaces_and_retries_change_nothing()
    {
        var created = await PutAsync(ByExternalId, """{"name": "TikTok", "kind": "company", "notes": "From the register."}""");
        var first = await created.JsonAsync(HttpStatusCode.Created);
        Assert.That(created.Headers.Location!.ToString(), Is.EqualTo($"/api/organisations/{first.Id()}"));
        Assert.That(first["externalIds"]!.AsArray().Select(e => $"{e!["system"]}/{e["id"]}"), Is.EqualTo(new[] { "transparency-register/638196238455-09" }));

        var retried = await (await PutAsync(ByExternalId, """{"name": "TikTok", "kind": "company", "notes": "From the register."}"""))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(retried.Id(), Is.EqualTo(first.Id()));
        Assert.That((int)retried["version"]!, Is.EqualTo(1), "a retry that changes nothing writes nothing");
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes WHERE entity_type = 'organisation'"), Is.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.EqualTo(1));

        var replaced = await (await PutAsync(ByExternalId, """{"name": "TikTok Technology Ltd", "kind": "company", "country": "IE"}"""))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That((string)replaced["name"]!, Is.EqualTo("TikTok Technology Ltd"));
        Assert.That(replaced["notes"], Is.Null, "PUT replaces every field; what it leaves out is cleared");
        Assert.That(replaced["externalIds"]!.AsArray(), Has.Count.EqualTo(1));

        var read = await (await Admin.GetAsync(ByExternalId)).JsonAsync(HttpStatusCode.OK);
        Assert.That(JsonNode.DeepEquals(read, replaced), Is.True);
        await (await Admin.GetAsync("/api/organisations/by-external-id/transparency-register/000")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_external_id_belongs_to_one_record_per_system()
    {
        var first = await (await PutAsync(ByExternalId, """{"name": "TikTok", "kind": "company"}""")).JsonAsync(HttpStatusCode.Created);
        var problem = await (await Admin.PostRawAsync("""
            {"name": "Another", "kind": "company", "externalIds": [{"system": "transparency-register", "id": "638196238455-09"}]}
            """)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)problem["conflictingId"]!, Is.EqualTo(first.Id()));
        (await Admin.PostRawAsync("""{"name": "Other system", "kind": "company", "externalIds": [{"system": "crm-b", "id": "638196238455-09"}]}"""))
            .EnsureSuccessStatusCode();
    }

    [TestCase("""[{"system": "has space", "id": "1"}]""", "externalIds[0].system")]
    [TestCase("""[{"system": "ares", "id": ""}]""", "externalIds[0].id")]
    [TestCase("""[{"system": "ares", "id": "1"}, {"system": "ares", "id": "1"}]""", "externalIds[1]")]
    public async Task Rejects_invalid_external_ids_naming_the_path(string ids, string path)
        => await (await Admin.PostRawAsync($$"""{"name": "X", "kind": "company", "externalIds": {{ids}}}""")).FieldErrorAsync(path);

    [TestCase("""[1]""", "externalIds[0]")]
    [TestCase("""["transparency-register/638196238455-09"]""", "externalIds[0]")]
    [TestCase("""[{"system": 7, "id": true}]""", "externalIds[0].system")]
    [TestCase("""[{"system": "x", "id": "\ud800"}]""", "externalIds")]
    [TestCase("""{"system": "x", "id": "1"}""", "externalIds")]
    [TestCase("\"none\"", "externalIds")]
    public async Task A_put_by_external_id_names_malformed_external_ids_whether_it_creates_or_replaces(string ids, string path)
    {
        var body = $$"""{"name": "TikTok", "kind": "company", "externalIds": {{ids}}}""";
        await (await PutAsync(ByExternalId, body)).FieldErrorAsync(path);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);

        await (await PutAsync(ByExternalId, """{"name": "TikTok", "kind": "company"}""")).JsonAsync(HttpStatusCode.Created);
        await (await PutAsync(ByExternalId, body)).FieldErrorAsync(path);
        var kept = await (await Admin.GetAsync(ByExternalId)).JsonAsync(HttpStatusCode.OK);
        Assert.That(kept["externalIds"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Engagements_contacts_and_commitments_sync_by_external_id_too()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var meeting = await (await PutAsync("/api/engagements/by-external-id/ares/Ares(2021)4185273", seed.EngagementJson().ToJsonString()))
            .JsonAsync(HttpStatusCode.Created);
        var again = await (await PutAsync("/api/engagements/by-external-id/ares/Ares(2021)4185273", seed.EngagementJson().ToJsonString()))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(again.Id(), Is.EqualTo(meeting.Id()));
        Assert.That((int)again["version"]!, Is.EqualTo(1), "the same report pushed again writes nothing");
        Assert.That(again["keyPoints"]!.AsArray(), Has.Count.EqualTo(6));

        (await PutAsync("/api/contacts/by-external-id/hr/4711", """{"fullName": "Monika Maglione"}""")).EnsureSuccessStatusCode();
        (await PutAsync("/api/commitments/by-external-id/tracker/42",
            $$"""{"title": "Present at the SOM", "direction": "theirs", "category": "presentation", "organisationId": "{{seed.TikTok.Id()}}"}"""))
                .EnsureSuccessStatusCode();
        (await Admin.GetAsync("/api/contacts/by-external-id/hr/4711")).EnsureSuccessStatusCode();
        (await Admin.GetAsync("/api/commitments/by-external-id/tracker/42")).EnsureSuccessStatusCode();
        await (await PutAsync("/api/contacts/by-external-id/hr/4712", """{"fullName": "X", "shoeSize": 42}""")).FieldErrorAsync("shoeSize");
    }

    private Task<HttpResponseMessage> PutAsync(string uri, string json) => Admin.PutAsync(uri, Requests.Json(json));
}
