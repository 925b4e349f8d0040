using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Organisations;

public sealed class CreateOrganisationTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Creates_with_location_etag_and_every_field()
    {
        var parent = await Admin.CreateOrganisationAsync("ByteDance Ltd");
        var response = await Admin.PostRawAsync($$"""
            {"name": "TikTok Technology Ltd", "kind": "company", "internal": false, "transparencyRegisterId": "638196238455-09",
             "country": "ie", "website": "https://www.tiktok.com", "aliases": ["Tik Tok", "TikTok"],
             "parentId": "{{parent["id"]}}", "tags": ["platform", "video"], "notes": "Met on 28 June 2021."}
            """);
        var created = await response.JsonAsync(HttpStatusCode.Created);

        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/organisations/{created["id"]}"));
        Assert.That(response.Headers.ETag!.Tag, Is.EqualTo("\"1\""));
        Assert.That((string)created["name"]!, Is.EqualTo("TikTok Technology Ltd"));
        Assert.That((string)created["country"]!, Is.EqualTo("IE"));
        Assert.That((string)created["parentId"]!, Is.EqualTo((string)parent["id"]!));
        Assert.That(created["aliases"]!.AsArray().Select(a => (string)a!), Is.EqualTo(new[] { "Tik Tok", "TikTok" }));
        Assert.That((bool)created["archived"]!, Is.False);

        var read = await (await Admin.GetAsync(response.Headers.Location)).JsonAsync(HttpStatusCode.OK);
        Assert.That(JsonNode.DeepEquals(read, created), Is.True, $"{read.ToJsonString()} != {created.ToJsonString()}");
    }

    [Test]
    public async Task Accepts_a_name_in_any_script_up_to_200_characters()
    {
        var greek = await Admin.CreateOrganisationAsync("Ελληνική Αρχή Προστασίας Δεδομένων");
        var emoji = await Admin.CreateOrganisationAsync(new string('界', 200));
        Assert.That((string)greek["name"]!, Is.EqualTo("Ελληνική Αρχή Προστασίας Δεδομένων"));
        Assert.That(((string)emoji["name"]!).Length, Is.EqualTo(200));
    }

    [TestCase("""{"kind": "company"}""", "name")]
    [TestCase("""{"name": "   ", "kind": "company"}""", "name")]
    [TestCase("""{"name": "A", "kind": null}""", "kind")]
    [TestCase("""{"name": "A"}""", "kind")]
    [TestCase("""{"name": "A", "kind": "platform"}""", "kind")]
    [TestCase("""{"name": "A", "kind": "company", "transparencyRegisterId": "12345678"}""", "transparencyRegisterId")]
    [TestCase("""{"name": "A", "kind": "company", "transparencyRegisterId": "١٢٣-٤٥"}""", "transparencyRegisterId")]
    [TestCase("""{"name": "A", "kind": "company", "country": "XX"}""", "country")]
    [TestCase("""{"name": "A", "kind": "company", "country": "IRL"}""", "country")]
    [TestCase("""{"name": "A", "kind": "company", "website": "www.tiktok.com"}""", "website")]
    [TestCase("""{"name": "A", "kind": "company", "website": "ftp://tiktok.com"}""", "website")]
    [TestCase("""{"name": "A", "kind": "company", "aliases": ["Tik Tok", "tik tok"]}""", "aliases")]
    [TestCase("""{"name": "A", "kind": "company", "aliases": ["ok", ""]}""", "aliases[1]")]
    [TestCase("""{"name": "A", "kind": "company", "tags": ["ok", ""]}""", "tags[1]")]
    [TestCase("""{"name": "A", "kind": "company", "tags": ["x", "X"]}""", "tags")]
    [TestCase("""{"name": "A", "kind": "company", "parentId": "00000000-0000-0000-0000-000000000001"}""", "parentId")]
    [TestCase("""{"name": "A", "kind": "company", "parentId": "not-a-guid"}""", "parentId")]
    public async Task Rejects_invalid_fields_naming_the_field(string body, string field)
    {
        var response = await Admin.PostRawAsync(body);
        await response.FieldErrorAsync(field);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
    }

    [Test]
    public async Task Rejects_a_name_over_200_characters_and_too_many_aliases()
    {
        var longName = await Admin.PostRawAsync($$"""{"name": "{{new string('x', 201)}}", "kind": "company"}""");
        await longName.FieldErrorAsync("name");
        var aliases = string.Join(",", Enumerable.Range(0, 21).Select(i => $"\"alias {i}\""));
        var tooMany = await Admin.PostRawAsync($$"""{"name": "A", "kind": "company", "aliases": [{{aliases}}]}""");
        await tooMany.FieldErrorAsync("aliases");
    }

    [Test]
    public async Task A_second_live_organisation_with_the_same_name_in_other_case_is_a_conflict_naming_the_first()
    {
        var first = await Admin.CreateOrganisationAsync("TikTok Technology Ltd");
        var problem = await (await Admin.PostRawAsync("""{"name": "tiktok TECHNOLOGY ltd", "kind": "company"}"""))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)problem["conflictingId"]!, Is.EqualTo((string)first["id"]!));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_second_live_organisation_with_the_same_register_id_is_a_conflict_naming_the_first()
    {
        var first = await Admin.CreateOrganisationAsync(new NewOrganisation("TikTok Technology Ltd") { TransparencyRegisterId = "638196238455-09" });
        var problem = await (await Admin.PostRawAsync("""{"name": "TikTok Ireland", "kind": "company", "transparencyRegisterId": "638196238455-09"}"""))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)problem["conflictingId"]!, Is.EqualTo((string)first["id"]!));
        Assert.That((string)problem["detail"]!, Does.Contain("register"));
    }

    [Test]
    public async Task The_name_of_an_archived_organisation_can_be_used_again()
    {
        var first = await Admin.CreateOrganisationAsync("Old Forum Secretariat");
        (await Admin.ArchiveAsync((string)first["id"]!, Requests.ETag(first))).EnsureSuccessStatusCode();
        var second = await Admin.CreateOrganisationAsync("Old Forum Secretariat");
        Assert.That((string)second["id"]!, Is.Not.EqualTo((string)first["id"]!));
    }
}
