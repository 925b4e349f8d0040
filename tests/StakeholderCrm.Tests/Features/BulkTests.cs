using System.Text;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features;

public sealed class BulkTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Batch = "/api/organisations/batch";

    [Test]
    public async Task An_atomic_batch_with_one_bad_item_writes_nothing_and_names_it()
    {
        var response = await Admin.PostAsync(Batch, Requests.Json("""
            {"items": [{"name": "A", "kind": "ngo"}, {"name": "B", "kind": "ngo"}, {"name": "C", "kind": "club"}, {"name": "D", "kind": "ngo",
            "colour": "red"}]}
            """));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "items[2].kind", "items[3].colour" }));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes WHERE entity_type = 'organisation'"), Is.Zero);
    }

    [Test]
    public async Task An_independent_batch_writes_the_good_items_and_reports_each()
    {
        await Admin.CreateOrganisationAsync("Existing");
        var result = await (await Admin.PostAsync($"{Batch}?mode=independent", Requests.Json("""
            {"items": [{"name": "A", "kind": "ngo"}, {"name": "", "kind": "ngo"}, {"name": "existing", "kind": "ngo"}, {"name": "B", "kind": "company"}]}
            """))).JsonAsync(HttpStatusCode.OK);
        Assert.That(result["items"]!.AsArray().Select(i => (int)i!["status"]!), Is.EqualTo(new[] { 201, 400, 409, 201 }));
        Assert.That((int)result["succeeded"]!, Is.EqualTo(2));
        Assert.That(result["items"]![1]!["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "items[1].name" }));
        Assert.That((await Admin.ListAsync(Routes.Organisations)).Select(o => (string)o["name"]!), Is.EqualTo(new[] { "A", "B", "Existing" }));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes WHERE entity_type = 'organisation'"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_meeting_with_an_unregistered_interest_representative_fails_alone_in_an_independent_batch_with_422()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var unregistered = await Admin.CreateOrganisationAsync("Unregistered Platform Ltd");
        var items = new { items = new[] { seed.Engagement(), seed.Engagement() with { OrganisationIds = [unregistered.Id()] } } };

        var result = await (await Admin.PostAsync("/api/engagements/batch?mode=independent", items)).JsonAsync(HttpStatusCode.OK);

        Assert.That(result["items"]!.AsArray().Select(i => (int)i!["status"]!), Is.EqualTo(new[] { 201, 422 }));
        Assert.That((string)result["items"]![1]!["errors"]!["items[1]"]![0]!, Does.Contain("Unregistered Platform Ltd").And.Contain("Monika Maglione"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM engagements"), Is.EqualTo(1));
    }

    [TestCase("atomic")]
    [TestCase("independent")]
    public async Task A_dry_run_validates_and_writes_nothing(string mode)
    {
        var result = await (await Admin.PostAsync($"{Batch}?mode={mode}&dryRun=true", Requests.Json("""
            {"items": [{"name": "A", "kind": "ngo"}, {"name": "B", "kind": "ngo"}]}
            """))).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)result["dryRun"]!, Is.True);
        Assert.That((int)result["succeeded"]!, Is.EqualTo(2));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
    }

    [Test]
    public async Task Limits_and_modes_are_checked()
    {
        var tooMany = "{\"items\": [" + string.Join(",", Enumerable.Range(0, 1001).Select(i => $$"""{"name": "O{{i}}", "kind": "ngo"}""")) + "]}";
        await (await Admin.PostAsync(Batch, Requests.Json(tooMany))).FieldErrorAsync("items");
        await (await Admin.PostAsync($"{Batch}?mode=sometimes", Requests.Json("""{"items": [{"name": "A", "kind": "ngo"}]}"""))).FieldErrorAsync("mode");
        await (await Admin.PostAsync(Batch, Requests.Json("""[{"name": "A", "kind": "ngo"}]"""))).FieldErrorAsync("items");
    }

    [Test]
    public async Task Csv_export_then_import_into_an_empty_database_reproduces_the_records()
    {
        await Admin.CreateOrganisationAsync(new NewOrganisation("TikTok Technology Ltd")
        {
            Country = "IE", Aliases = ["Tik Tok", "TikTok, Inc."], Tags = ["platform"], Website = "https://www.tiktok.com",
            Notes = "Line one\nLine \"two\", with comma", ExternalIds = [new ExternalIdBody("register", "638196238455-09")],
        });
        await Admin.CreateOrganisationAsync(new NewOrganisation("Österreichischer Rundfunk")
        {
            Kind = "publicAuthority", Country = "AT", InterestRepresentativeOverride = new { value = true, reason = "Meets us as a broadcaster, with a \"registered\" office." },
        });
        await Admin.CreateOrganisationAsync(NewOrganisation.OwnUnit("Cabinet of Commissioner Johansson"));
        await Admin.CreateOrganisationAsync(new NewOrganisation("=HYPERLINK(\"https://example.org\")")
        {
            Kind = "ngo", Aliases = ["@mention", "'s-Hertogenbosch office"], Notes = "- key point\n- another", Country = "NL",
        });
        var before = await Admin.ListAsync(Routes.Organisations);

        var export = await Admin.GetAsync("/api/organisations/export.csv");
        Assert.That(export.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        var csv = await export.Content.ReadAsStringAsync();
        Assert.That(csv.Split('\n')[0].Trim(), Does.StartWith("id,name,kind,internal"));
        Assert.That(csv, Does.Contain("\"'=HYPERLINK(\"\"https://example.org\"\")\"").And.Contain("'- key point"), "a formula is escaped as text");

        await TestDatabase.ResetAsync(Host);
        var bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        var import = await (await Admin.PostAsync("/api/organisations/import.csv", new ByteArrayContent(bom) { Headers = { ContentType = new("text/csv") } }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That((int)import["succeeded"]!, Is.EqualTo(4));

        var after = await Admin.ListAsync(Routes.Organisations);
        string[] fields = ["name", "kind", "internal", "country", "website", "aliases", "tags", "notes", "externalIds", "transparencyRegisterId",
            "interestRepresentativeOverride", "interestRepresentative"];
        Assert.That(after.Select(o => Project(o, fields)), Is.EqualTo(before.Select(o => Project(o, fields))));
    }

    [Test]
    public async Task An_item_whose_text_holds_an_unpaired_surrogate_is_named_not_a_500()
    {
        const string items = """{"items": [{"name": "A", "kind": "ngo"}, {"name": "B\ud800", "kind": "ngo"}]}""";
        var problem = await (await Admin.PostAsync(Batch, Requests.Json(items))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "items[1].name" }));
        Assert.That((string)problem["errors"]!["items[1].name"]![0]!, Does.Contain("not valid Unicode"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);

        var result = await (await Admin.PostAsync($"{Batch}?mode=independent", Requests.Json(items))).JsonAsync(HttpStatusCode.OK);
        Assert.That(result["items"]!.AsArray().Select(i => (int)i!["status"]!), Is.EqualTo(new[] { 201, 400 }));

        const string csv = "name,kind,aliases\nC,ngo,\"[\"\"\\ud800\"\"]\"\n";
        var row = await (await Admin.PostAsync("/api/organisations/import.csv", new StringContent(csv, Encoding.UTF8, "text/csv")))
            .FieldErrorAsync("rows[2].aliases");
        Assert.That(row, Does.Contain("not valid Unicode"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_csv_file_that_is_not_utf8_is_refused_not_read_with_replacement_characters()
    {
        var latin1 = new ByteArrayContent([.. "name,kind\nA,ngo\nCaf"u8, 0xE9, .. ",ngo\n"u8]);
        latin1.Headers.ContentType = new("text/csv");
        var message = await (await Admin.PostAsync("/api/organisations/import.csv", latin1)).FieldErrorAsync("body");
        Assert.That(message, Does.Contain("not UTF-8"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
    }

    [Test]
    public async Task A_bad_csv_row_is_named_by_its_line_and_nothing_is_half_imported()
    {
        const string csv = "name,kind,internal\nGood one,ngo,false\nBad kind,club,false\n\"Bad flag\",ngo,perhaps\n";
        var problem = await (await Admin.PostAsync("/api/organisations/import.csv", new StringContent(csv, Encoding.UTF8, "text/csv")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "rows[3].kind", "rows[4].internal" }));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);

        await (await Admin.PostAsync("/api/organisations/import.csv", new StringContent("name,colour\nA,red\n", Encoding.UTF8, "text/csv")))
            .FieldErrorAsync("header");
        await (await Admin.PostAsync("/api/organisations/import.csv", new StringContent("name,kind\nA,ngo\n", Encoding.UTF8, "application/json")))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    private static string Project(JsonObject record, string[] fields)
        => string.Join("|", fields.Select(f => record[f]?.ToJsonString() ?? "null"));
}
