using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Features.TransparencyRegister;
using StakeholderCrm.Api.Infrastructure;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.TransparencyRegister;

public sealed class ImportRegisterTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Snapshot = "SELECT identification_code, name, listed, delisted_on, content_hash, updated_at FROM register_entries ORDER BY identification_code";

    [Test]
    public async Task Imports_the_demo_file_with_its_date_and_counts()
    {
        var import = await (await Admin.ImportAsync(await File.ReadAllTextAsync(RegisterXml.DemoPath))).JsonAsync(HttpStatusCode.OK);

        Assert.That((int)import["entries"]!, Is.EqualTo(RegisterXml.DemoEntries));
        Assert.That((int)import["added"]!, Is.EqualTo(RegisterXml.DemoEntries));
        Assert.That((int)import["changed"]! + (int)import["unchanged"]! + (int)import["noLongerListed"]!, Is.Zero);
        Assert.That((string)import["fileDate"]!, Is.EqualTo("2021-06-01"));
        Assert.That((string)import["importedBy"]!, Is.EqualTo("bootstrap-admin"));
        var entry = await (await Admin.GetAsync($"{Routes.TransparencyRegister}/000000000001-01")).JsonAsync(HttpStatusCode.OK);
        Assert.That(entry.ToJsonString(), Does.Contain("\"name\":\"Example Platform Ltd\"").And.Contain("\"acronym\":\"EPL\"")
            .And.Contain("\"country\":\"IRELAND\"").And.Contain("\"registeredOn\":\"2015-03-02\"").And.Contain("\"website\":\"https://platform.example.com\"")
            .And.Contain("\"category\":\"Companies \\u0026 groups\"").And.Contain("\"listed\":true").And.Contain("\"delistedOn\":null"));
        Assert.That(await TestDatabase.CountAsync(Host, $"SELECT COUNT(*) FROM register_imports WHERE added = {RegisterXml.DemoEntries} AND entries = {RegisterXml.DemoEntries}"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_file_again_changes_nothing_and_writes_no_entry()
    {
        var xml = await File.ReadAllTextAsync(RegisterXml.DemoPath);
        await (await Admin.ImportAsync(xml)).JsonAsync(HttpStatusCode.OK);
        var before = await RowsAsync();
        var changes = await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes");

        var again = await (await Admin.ImportAsync(xml)).JsonAsync(HttpStatusCode.OK);

        Assert.That(((int)again["added"]!, (int)again["changed"]!, (int)again["unchanged"]!, (int)again["noLongerListed"]!), Is.EqualTo((0, 0, RegisterXml.DemoEntries, 0)));
        Assert.That(await RowsAsync(), Is.EqualTo(before), "no entry rewritten: updated_at unchanged");
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes"), Is.EqualTo(changes));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM register_imports"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_later_file_updates_changed_entries_and_delists_missing_ones_from_its_date_then_lists_them_again()
    {
        await (await Admin.ImportAsync(RegisterXml.File("2021-06-01", RegisterXml.Entry(RegisterXml.Code(1), "First Name", "FN"),
            RegisterXml.Entry(RegisterXml.Code(2), "Stays The Same"), RegisterXml.Entry(RegisterXml.Code(3), "Leaves The Register")))).JsonAsync(HttpStatusCode.OK);
        var unchanged = await (await Admin.GetAsync($"{Routes.TransparencyRegister}/{RegisterXml.Code(2)}")).JsonAsync(HttpStatusCode.OK);

        var later = await (await Admin.ImportAsync(RegisterXml.File("2021-07-01", RegisterXml.Entry(RegisterXml.Code(1), "Renamed Company", "RC"),
            RegisterXml.Entry(RegisterXml.Code(2), "Stays The Same"), RegisterXml.Entry(RegisterXml.Code(4), "Newly Registered")))).JsonAsync(HttpStatusCode.OK);

        Assert.That(((int)later["added"]!, (int)later["changed"]!, (int)later["unchanged"]!, (int)later["noLongerListed"]!), Is.EqualTo((1, 1, 1, 1)));
        var renamed = await (await Admin.GetAsync($"{Routes.TransparencyRegister}/{RegisterXml.Code(1)}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((string)renamed["name"]!, (string)renamed["acronym"]!), Is.EqualTo(("Renamed Company", "RC")));
        var left = await (await Admin.GetAsync($"{Routes.TransparencyRegister}/{RegisterXml.Code(3)}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((bool)left["listed"]!, (string?)left["delistedOn"]), Is.EqualTo((false, "2021-07-01")));
        var same = await (await Admin.GetAsync($"{Routes.TransparencyRegister}/{RegisterXml.Code(2)}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)same["updatedAt"]!, Is.EqualTo((string)unchanged["updatedAt"]!));
        Assert.That(await NamesAsync("q=first"), Is.Empty, "the old name's search terms are gone");
        Assert.That(await NamesAsync("q=renamed"), Is.EqualTo(new[] { "Renamed Company" }));

        // Without a date in the file, the import's own date; an entry back in the register is listed again.
        var undated = await (await Admin.ImportAsync(RegisterXml.File(null, RegisterXml.Entry(RegisterXml.Code(3), "Leaves The Register"))))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(((int)undated["changed"]!, (int)undated["noLongerListed"]!), Is.EqualTo((1, 3)));
        Assert.That(undated["fileDate"], Is.Null);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That((string)undated["effectiveOn"]!, Is.EqualTo(today));
        var back = await (await Admin.GetAsync($"{Routes.TransparencyRegister}/{RegisterXml.Code(3)}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(((bool)back["listed"]!, (string?)back["delistedOn"]), Is.EqualTo((true, (string?)null)));
        Assert.That(await NamesAsync("listed=false"), Is.EquivalentTo(new[] { "Renamed Company", "Stays The Same", "Newly Registered" }));
    }

    private static readonly string Good = RegisterXml.Entry(RegisterXml.Code(1), "Kept Company");

    public static IEnumerable<TestCaseData> BadFiles()
    {
        yield return new TestCaseData("this is not XML", RegisterFile.Root, "Line 1").SetName("Not XML");
        yield return new TestCaseData("<html>\n<body/>\n</html>", RegisterFile.Root, "Line 1, <ListOfIRPublicDetail>: the root element is <html>")
            .SetName("Wrong root");
        yield return new TestCaseData(RegisterXml.File(null, Good, "<interestRepresentative>\n<name><originalName>No Code</originalName></name>\n</interestRepresentative>\n"),
            "interestRepresentative", "Line 13, <interestRepresentative>: this interestRepresentative has no identificationCode").SetName("Entry without code");
        yield return new TestCaseData(RegisterXml.File(null, Good, RegisterXml.Entry("12345-67", "Short Code")), "identificationCode",
            "Line 14, <identificationCode>: '12345-67' is not an identification code").SetName("Bad code format");
        yield return new TestCaseData(RegisterXml.File(null, Good, RegisterXml.Entry(RegisterXml.Code(1), "Twice")), "identificationCode",
            "Line 13, <identificationCode>: 000000100001-00 is listed twice; first on line 4").SetName("Code twice");
        yield return new TestCaseData(RegisterXml.File(null, Good)[..^60], RegisterFile.Root, "not well-formed XML").SetName("Truncated");
        yield return new TestCaseData("<!DOCTYPE x [<!ENTITY e \"e\">]>\n<ListOfIRPublicDetail/>", RegisterFile.Root, "Line 1").SetName("DTD");
        yield return new TestCaseData(RegisterXml.File(null), "resultList", "lists no interestRepresentative").SetName("No entries");
        yield return new TestCaseData("<ListOfIRPublicDetail><resultList/><other/></ListOfIRPublicDetail>", "resultList", "lists no interestRepresentative")
            .SetName("Empty resultList");
    }

    [TestCaseSource(nameof(BadFiles))]
    public async Task A_bad_file_is_a_400_naming_the_element_and_line_and_keeps_nothing(string xml, string element, string message)
    {
        await (await Admin.ImportAsync(RegisterXml.File(null, RegisterXml.Entry(RegisterXml.Code(9), "Before")))).JsonAsync(HttpStatusCode.OK);
        var before = await RowsAsync();

        var errors = await (await Admin.ImportAsync(xml)).FieldErrorAsync(element);

        Assert.That(string.Join(" ", JsonNode.Parse(errors)!.AsArray().Select(m => (string)m!)), Does.Contain(message));
        Assert.That(await RowsAsync(), Is.EqualTo(before));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM register_imports"), Is.EqualTo(1));
    }

    [Test]
    public async Task Elements_around_and_inside_entries_that_the_import_does_not_know_are_skipped()
    {
        var xml = "<ListOfIRPublicDetail><header><count>2</count></header><resultList/><resultList><note>skipped</note>\n"
            + RegisterXml.Entry(RegisterXml.Code(1), "First") + "</resultList><resultList>" + RegisterXml.Entry(RegisterXml.Code(2), "Second")
            + "</resultList><footer/></ListOfIRPublicDetail>";

        var import = await (await Admin.ImportAsync(xml)).JsonAsync(HttpStatusCode.OK);

        Assert.That((int)import["added"]!, Is.EqualTo(2));
        Assert.That(await NamesAsync(""), Is.EqualTo(new[] { "First", "Second" }));
    }

    [Test]
    public async Task A_file_cut_after_a_written_batch_is_rolled_back_whole()
    {
        var xml = RegisterXml.File("2021-06-01", [.. RegisterXml.Entries(ImportRegisterHandler.BatchSize + 500)]);

        await (await Admin.ImportAsync(xml[..^200])).FieldErrorAsync(RegisterFile.Root);

        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM register_entries"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM register_entry_terms"), Is.Zero);
        var whole = await (await Admin.ImportAsync(xml)).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)whole["added"]!, Is.EqualTo(ImportRegisterHandler.BatchSize + 500));
    }

    [Test]
    public async Task Only_an_admin_imports_and_only_xml()
    {
        var editor = await ClientWithRoleAsync("editor");
        await (await editor.ImportAsync(await File.ReadAllTextAsync(RegisterXml.DemoPath))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await Admin.ImportAsync(await File.ReadAllTextAsync(RegisterXml.DemoPath), "application/json")).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM register_entries"), Is.Zero);
        var text = await (await Admin.ImportAsync(await File.ReadAllTextAsync(RegisterXml.DemoPath), "text/xml")).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)text["added"]!, Is.EqualTo(RegisterXml.DemoEntries));
    }

    [Test]
    public async Task The_command_exits_0_for_the_demo_file_and_2_for_a_bad_or_missing_one()
    {
        var command = Host.Services.GetServices<IToolCommand>().OfType<ImportRegisterCommand>().Single();
        var bad = Path.Combine(Path.GetTempPath(), $"register-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(bad, RegisterXml.File(null, RegisterXml.Entry("not-a-code", "Bad")));
        try
        {
            Assert.That(await command.ImportAsync(Host.Services, bad, CancellationToken.None), Is.EqualTo(2));
            Assert.That(await command.ImportAsync(Host.Services, bad + ".missing", CancellationToken.None), Is.EqualTo(2));
            Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM register_entries"), Is.Zero);

            Assert.That(await command.ImportAsync(Host.Services, RegisterXml.DemoPath, CancellationToken.None), Is.Zero);
            Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM register_entries WHERE listed = 1"), Is.EqualTo(RegisterXml.DemoEntries));
            Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM register_imports WHERE imported_by = 'system'"), Is.EqualTo(1));
        }
        finally
        {
            File.Delete(bad);
        }
    }

    private async Task<List<string>> RowsAsync()
    {
        await using var connection = await Host.Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = Snapshot;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return rows;
    }

    private async Task<List<string>> NamesAsync(string query)
    {
        var page = await (await Admin.GetAsync($"{Routes.TransparencyRegister}?{query}")).JsonAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(e => (string)e!["name"]!).ToList();
    }
}
