using System.Text;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// Enum values are taken exactly as the contract spells them, in bodies, patches, batches, CSV rows and query filters:
/// another case is a 400 naming the field and listing the values, never read as the nearest value.
/// </summary>
public sealed class EnumSpellingTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string OrganisationKinds = "'kind' must be one of: company, ngo, association, publicAuthority, euInstitution, academic, other, "
        + "consultancy, thinkTank, tradeUnion, religiousOrganisation, politicalParty, internationalOrganisation, thirdCountryAuthority, individual.";

    private static readonly string[] Misspelt = ["Company", "COMPANY", "euinstitution", "Public_Authority", " company", ""];

    [TestCaseSource(nameof(Misspelt))]
    public async Task A_create_body_takes_only_the_contract_spelling(string kind)
    {
        var response = await Admin.PostAsync(Routes.Organisations, new NewOrganisation("TikTok") { Kind = kind });
        Assert.That(await ErrorAsync(response, "kind"), Is.EqualTo(OrganisationKinds));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
    }

    [Test]
    public async Task A_number_is_not_an_enum_value()
        => Assert.That(await ErrorAsync(await Admin.PostRawAsync("""{"name": "TikTok", "kind": 0}"""), "kind"), Is.EqualTo(OrganisationKinds));

    [Test]
    public async Task Every_spelling_the_contract_lists_is_taken()
    {
        string[] kinds = ["company", "ngo", "association", "publicAuthority", "euInstitution", "academic", "other", "consultancy", "thinkTank",
            "tradeUnion", "religiousOrganisation", "politicalParty", "internationalOrganisation", "thirdCountryAuthority", "individual"];
        foreach (var kind in kinds) await Admin.CreateOrganisationAsync(new NewOrganisation($"Organisation {kind}") { Kind = kind });
        Assert.That((await Admin.ListAsync(Routes.Organisations, "kind=euInstitution")).Select(o => (string)o["kind"]!), Is.EqualTo(new[] { "euInstitution" }));
        Assert.That(await Admin.ListAsync(Routes.Organisations, "kind=publicAuthority"), Has.Count.EqualTo(1));
    }

    [TestCaseSource(nameof(Misspelt))]
    public async Task A_merge_patch_takes_only_the_contract_spelling(string kind)
    {
        var organisation = await Admin.CreateOrganisationAsync("TikTok");
        var response = await Admin.PatchAsync(Routes.Organisations, organisation, $$"""{"kind": "{{kind}}"}""");
        Assert.That(await ErrorAsync(response, "kind"), Is.EqualTo(OrganisationKinds));
        Assert.That((string)(await Admin.ReadAsync(Routes.Organisations, organisation.Id()))["kind"]!, Is.EqualTo("company"));
    }

    [Test]
    public async Task A_replace_by_external_id_takes_only_the_contract_spelling()
    {
        var response = await Admin.PutAsync("/api/organisations/by-external-id/register/1", Requests.Json("""{"name": "TikTok", "kind": "Company"}"""));
        Assert.That(await ErrorAsync(response, "kind"), Is.EqualTo(OrganisationKinds));
    }

    [Test]
    public async Task A_batch_item_and_a_csv_row_take_only_the_contract_spelling()
    {
        var batch = await Admin.PostAsync("/api/organisations/batch", Requests.Json("""{"items": [{"name": "A", "kind": "ngo"}, {"name": "B", "kind": "NGO"}]}"""));
        Assert.That(await ErrorAsync(batch, "items[1].kind"), Is.EqualTo(OrganisationKinds));

        var csv = new StringContent("name,kind\nA,ngo\nB,euinstitution\n", Encoding.UTF8, "text/csv");
        var import = await Admin.PostAsync("/api/organisations/import.csv", csv);
        Assert.That(await ErrorAsync(import, "rows[3].kind"), Is.EqualTo(OrganisationKinds));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
    }

    [Test]
    public async Task A_nested_enum_names_its_own_field()
    {
        var organisation = await Admin.CreateOrganisationAsync("TikTok");
        var commitment = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Share hashes", organisation.Id()) { Category = "dataSharing" });
        var transition = await Admin.TransitionAsync(Routes.Commitments, commitment, new Transition("Open"));
        Assert.That(await ErrorAsync(transition, "to"), Is.EqualTo("'to' must be one of: proposed, open, inProgress, fulfilled, withdrawn, lapsed."));

        var key = await Admin.PostAsync(Routes.ApiKeys, new NewApiKey("sync", "Admin"));
        Assert.That(await ErrorAsync(key, "role"), Is.EqualTo("'role' must be one of: reader, editor, admin."));
    }

    [TestCase(Routes.Engagements, "kind=CALL", "kind", "'kind' must be one of: meeting, call, videoConference, visit, workshop, conference, correspondence, other.")]
    [TestCase(Routes.Engagements, "status=Held", "status", "'status' must be one of: planned, held, cancelled.")]
    [TestCase(Routes.Engagements, "confidentiality=Public", "confidentiality", "'confidentiality' must be one of: public, internal, sensitive.")]
    [TestCase(Routes.Engagements, "sort=StartsAt", "sort", "startsAt")]
    [TestCase(Routes.Organisations, "kind=Company", "kind", OrganisationKinds)]
    [TestCase(Routes.Bodies, "kind=codeofconduct", "kind", "'kind' must be one of: forum, codeOfConduct, codeOfPractice, alliance, principles, other.")]
    [TestCase(Routes.Memberships, "status=Member", "status", "'status' must be one of: interested, applied, member, signatory, observer, suspended, withdrawn.")]
    [TestCase(Routes.Commitments, "status=open,Fulfilled", "status", "'status' must be one of: proposed, open, inProgress, fulfilled, withdrawn, lapsed.")]
    [TestCase(Routes.Commitments, "status=open&status=INPROGRESS", "status", "inProgress")]
    [TestCase(Routes.Commitments, "direction=Theirs", "direction", "'direction' must be one of: theirs, ours.")]
    [TestCase("/api/changes", "entityType=Organisation", "entityType", "organisation")]
    public async Task A_query_filter_takes_only_the_contract_spelling(string route, string query, string field, string message)
        => Assert.That(await ErrorAsync(await Admin.GetAsync($"{route}?{query}"), field), Does.Contain(message));

    [TestCase("mode=Atomic")]
    [TestCase("mode=INDEPENDENT")]
    [TestCase("mode=0")]
    public async Task A_batch_mode_takes_only_the_contract_spelling(string query)
    {
        var response = await Admin.PostAsync($"/api/organisations/batch?{query}", Requests.Json("""{"items": [{"name": "A", "kind": "ngo"}]}"""));
        Assert.That(await ErrorAsync(response, "mode"), Is.EqualTo("'mode' must be one of: atomic, independent."));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
    }

    [Test]
    public async Task The_exact_spellings_still_filter()
    {
        var organisation = await Admin.CreateOrganisationAsync("TikTok");
        var commitment = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Share hashes", organisation.Id()) { Category = "dataSharing" });
        Assert.That(await Admin.ListAsync(Routes.Commitments, "status=proposed,inProgress&direction=theirs"), Has.Count.EqualTo(1));
        Assert.That(await Admin.ListAsync(Routes.Commitments, "status=open&status=inProgress"), Is.Empty);
        Assert.That((await Admin.ListAsync(Routes.Commitments, "status=proposed&sort=-updatedAt")).Single().Id(), Is.EqualTo(commitment.Id()));
        var batch = await Admin.PostAsync("/api/organisations/batch?mode=independent", Requests.Json("""{"items": [{"name": "A", "kind": "euInstitution"}]}"""));
        Assert.That((int)(await batch.JsonAsync(HttpStatusCode.OK))["succeeded"]!, Is.EqualTo(1));
    }

    /// <summary>The one message a 400 gives for the field.</summary>
    private static async Task<string> ErrorAsync(HttpResponseMessage response, string field)
        => (string)JsonNode.Parse(await response.FieldErrorAsync(field))!.AsArray().Single()!;
}
