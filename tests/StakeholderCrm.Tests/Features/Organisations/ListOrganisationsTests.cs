using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Organisations;

public sealed class ListOrganisationsTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Pages_250_organisations_each_exactly_once_in_order_while_others_are_inserted()
    {
        var names = Enumerable.Range(0, 250).Select(i => $"Organisation {i:D3}").ToList();
        foreach (var name in names) await Admin.CreateOrganisationAsync(name);

        var seen = new List<string>();
        string? cursor = null;
        var inserted = 0;
        do
        {
            var page = await GetPageAsync($"limit=50{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            // Rows before and after the cursor appear meanwhile; keyset paging must neither repeat nor skip.
            await Admin.CreateOrganisationAsync($"Organisation {inserted:D3} inserted before");
            await Admin.CreateOrganisationAsync($"Zzz inserted {inserted++}");
        } while (cursor is not null);

        var originals = seen.Where(names.Contains).ToList();
        Assert.That(originals, Is.EqualTo(names));
        Assert.That(seen, Is.Ordered.Using((IComparer<string>)StringComparer.OrdinalIgnoreCase));
        Assert.That(seen, Is.Unique);
    }

    [Test]
    public async Task Pages_by_creation_time_descending()
    {
        for (var i = 0; i < 7; i++) await Admin.CreateOrganisationAsync($"Org {i}");
        var first = await GetPageAsync("sort=-createdAt&limit=3");
        var second = await GetPageAsync($"sort=-createdAt&limit=3&cursor={first.NextCursor}");
        var third = await GetPageAsync($"sort=-createdAt&limit=3&cursor={second.NextCursor}");
        Assert.That(first.Items.Concat(second.Items).Concat(third.Items), Is.EqualTo(Enumerable.Range(0, 7).Reverse().Select(i => $"Org {i}")));
        Assert.That(third.NextCursor, Is.Null);
    }

    [Test]
    public async Task Q_finds_an_alias_ignoring_case_and_accents_including_non_ascii_names()
    {
        await Admin.CreateOrganisationAsync(new NewOrganisation("TikTok Technology Ltd") { Aliases = ["Tik Tok"] });
        await Admin.CreateOrganisationAsync(new NewOrganisation("Österreichischer Rundfunk") { Aliases = ["ORF"] });
        await Admin.CreateOrganisationAsync("Ελληνική Αρχή Προστασίας Δεδομένων");
        await Admin.CreateOrganisationAsync("Meta Platforms Ireland");

        Assert.That((await GetPageAsync("q=TIK%20tok")).Items, Is.EqualTo(new[] { "TikTok Technology Ltd" }));
        Assert.That((await GetPageAsync("q=tok")).Items, Is.EqualTo(new[] { "TikTok Technology Ltd" }));
        Assert.That((await GetPageAsync("q=%C3%96STERREICH")).Items, Is.EqualTo(new[] { "Österreichischer Rundfunk" }));
        Assert.That((await GetPageAsync("q=osterreichischer%20rund")).Items, Is.EqualTo(new[] { "Österreichischer Rundfunk" }));
        Assert.That((await GetPageAsync("q=orf")).Items, Is.EqualTo(new[] { "Österreichischer Rundfunk" }));
        Assert.That((await GetPageAsync("q=" + Uri.EscapeDataString("ΑΡΧΉ"))).Items,
            Is.EqualTo(new[] { "Ελληνική Αρχή Προστασίας Δεδομένων" }));
        Assert.That((await GetPageAsync("q=nothing")).Items, Is.Empty);
    }

    [Test]
    public async Task Filters_by_kind_internal_country_tag_and_parent()
    {
        var bytedance = await Admin.CreateOrganisationAsync(new NewOrganisation("ByteDance") { Country = "CN" });
        await Admin.CreateOrganisationAsync(new NewOrganisation("TikTok") { Country = "IE", Tags = ["Platform"], ParentId = (string)bytedance["id"]! });
        await Admin.CreateOrganisationAsync(NewOrganisation.OwnUnit("Cabinet of Commissioner Johansson") with { Country = "BE" });
        await Admin.CreateOrganisationAsync(new NewOrganisation("WeProtect Global Alliance") { Kind = "ngo", Tags = ["child safety"] });

        Assert.That((await GetPageAsync("kind=ngo")).Items, Is.EqualTo(new[] { "WeProtect Global Alliance" }));
        Assert.That((await GetPageAsync("internal=true")).Items, Is.EqualTo(new[] { "Cabinet of Commissioner Johansson" }));
        Assert.That((await GetPageAsync("internal=false")).Items, Has.Count.EqualTo(3));
        Assert.That((await GetPageAsync("country=ie")).Items, Is.EqualTo(new[] { "TikTok" }));
        Assert.That((await GetPageAsync("tag=platform")).Items, Is.EqualTo(new[] { "TikTok" }));
        Assert.That((await GetPageAsync($"parentId={bytedance["id"]}")).Items, Is.EqualTo(new[] { "TikTok" }));
        Assert.That((await GetPageAsync("kind=company&country=CN")).Items, Is.EqualTo(new[] { "ByteDance" }));
        await (await Admin.GetAsync($"{Routes.Organisations}?tag=")).FieldErrorAsync("tag");
    }

    [Test]
    public async Task Archived_organisations_are_listed_only_on_request()
    {
        var gone = await Admin.CreateOrganisationAsync("Defunct Forum");
        await Admin.CreateOrganisationAsync("Live Forum");
        (await Admin.ArchiveAsync((string)gone["id"]!, Requests.ETag(gone))).EnsureSuccessStatusCode();
        Assert.That((await GetPageAsync("")).Items, Is.EqualTo(new[] { "Live Forum" }));
        Assert.That((await GetPageAsync("includeArchived=true")).Items, Is.EqualTo(new[] { "Defunct Forum", "Live Forum" }));
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=201", "limit")]
    [TestCase("limit=ten", "limit")]
    [TestCase("includeArchived=perhaps", "includeArchived")]
    [TestCase("sort=size", "sort")]
    [TestCase("kind=platform", "kind")]
    [TestCase("country=EU", "country")]
    [TestCase("internal=maybe", "internal")]
    [TestCase("parentId=abc", "parentId")]
    [TestCase("q=%21%21", "q")]
    [TestCase("cursor=bm90LWEtY3Vyc29y", "cursor")]
    public async Task Rejects_bad_parameters_naming_them(string query, string field)
        => await (await Admin.GetAsync($"{Routes.Organisations}?{query}")).FieldErrorAsync(field);

    [Test]
    public async Task A_cursor_from_another_sort_is_rejected()
    {
        for (var i = 0; i < 3; i++) await Admin.CreateOrganisationAsync($"Org {i}");
        var page = await GetPageAsync("limit=1");
        await (await Admin.GetAsync($"{Routes.Organisations}?sort=-updatedAt&cursor={page.NextCursor}")).FieldErrorAsync("cursor");
    }

    private async Task<(List<string> Items, string? NextCursor)> GetPageAsync(string query)
    {
        var page = await (await Admin.GetAsync($"{Routes.Organisations}?{query}")).JsonAsync(HttpStatusCode.OK);
        return (page["items"]!.AsArray().Select(o => (string)o!["name"]!).ToList(), (string?)page["nextCursor"]);
    }
}
