using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.TransparencyRegister;

public sealed class ListRegisterEntriesTests(DatabaseProvider provider) : ApiTest(provider)
{
    [SetUp]
    public async Task ImportTheDemoRegister()
        => await (await Admin.ImportAsync(await File.ReadAllTextAsync(RegisterXml.DemoPath))).JsonAsync(HttpStatusCode.OK);

    [TestCase("example plat", "Example Platform Ltd")]
    [TestCase("faos", "Fictional Association of Online Services")]
    [TestCase("osterreichische", "Demo Österreichische Medienvereinigung")]
    [TestCase("DÖM", "Demo Österreichische Medienvereinigung")]
    [TestCase("moderators", "Invented Workers' Union of Content Moderators")]
    public async Task Q_finds_words_of_the_name_or_acronym(string q, string name)
    {
        var reader = await ClientWithRoleAsync("reader");
        var page = await (await reader.GetAsync($"{Routes.TransparencyRegister}?q={Uri.EscapeDataString(q)}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(page["items"]!.AsArray().Select(e => (string)e!["name"]!), Is.EqualTo(new[] { name }));
    }

    [Test]
    public async Task Pages_in_name_order_with_a_cursor()
    {
        var names = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await Admin.GetAsync($"{Routes.TransparencyRegister}?limit=5{(cursor is null ? "" : $"&cursor={cursor}")}")).JsonAsync(HttpStatusCode.OK);
            names.AddRange(page["items"]!.AsArray().Select(e => (string)e!["name"]!));
            cursor = (string?)page["nextCursor"];
            pages++;
        }
        while (cursor is not null);

        Assert.That(pages, Is.EqualTo(3));
        Assert.That(names, Is.EqualTo(names.OrderBy(n => n.ToLowerInvariant(), StringComparer.Ordinal).ToList()));
        Assert.That(names.Distinct().Count(), Is.EqualTo(RegisterXml.DemoEntries));
    }

    [Test]
    public async Task An_unknown_code_is_a_404_and_a_bad_cursor_a_400()
    {
        await (await Admin.GetAsync($"{Routes.TransparencyRegister}/999999999999-99")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync($"{Routes.TransparencyRegister}?cursor=nonsense")).FieldErrorAsync("cursor");
        await (await Admin.GetAsync($"{Routes.TransparencyRegister}?q=%20")).FieldErrorAsync("q");
    }
}
