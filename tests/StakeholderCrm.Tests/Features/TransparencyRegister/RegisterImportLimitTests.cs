using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.TransparencyRegister;

/// <summary>The import has its own body limit, above the API's (here 1 000 bytes for the API, 20 000 for the import).</summary>
public sealed class RegisterImportLimitTests(DatabaseProvider provider) : ApiTest(provider)
{
    protected override ApiHost? CreateOwnHost(DatabaseProvider database) => new(database, settings: new Dictionary<string, string>
    {
        ["Api:MaxRequestBodyBytes"] = "1000", ["TransparencyRegister:MaxImportBytes"] = "20000",
    });

    [Test]
    public async Task A_file_over_the_api_limit_but_within_the_import_limit_is_imported_and_a_larger_one_is_a_413()
    {
        var demo = await File.ReadAllTextAsync(RegisterXml.DemoPath);
        Assert.That(demo, Has.Length.InRange(1000, 20000));
        var import = await (await Admin.ImportAsync(demo)).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)import["added"]!, Is.EqualTo(RegisterXml.DemoEntries));

        await (await Admin.ImportAsync(RegisterXml.File(null, [.. RegisterXml.Entries(100)]))).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM register_entries"), Is.EqualTo(RegisterXml.DemoEntries));
    }
}
