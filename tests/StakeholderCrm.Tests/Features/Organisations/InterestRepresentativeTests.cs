using Dapper;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Organisations;

/// <summary>
/// Whether an organisation is an interest representative (issue 20): derived from its kind by the Commission's rules,
/// never for our own units, and overridable with a reason.
/// </summary>
public sealed class InterestRepresentativeTests(DatabaseProvider provider) : ApiTest(provider)
{
    private static readonly object[] Kinds =
    [
        new object[] { "company", true }, new object[] { "ngo", true }, new object[] { "association", true },
        new object[] { "academic", true }, new object[] { "other", true }, new object[] { "consultancy", true },
        new object[] { "thinkTank", true }, new object[] { "tradeUnion", true }, new object[] { "religiousOrganisation", true },
        new object[] { "publicAuthority", false }, new object[] { "euInstitution", false }, new object[] { "thirdCountryAuthority", false },
        new object[] { "internationalOrganisation", false }, new object[] { "politicalParty", false }, new object[] { "individual", false },
    ];

    [TestCaseSource(nameof(Kinds))]
    public async Task Each_kind_is_taken_and_says_whether_it_is_an_interest_representative(string kind, bool representative)
    {
        var created = await Admin.CreateOrganisationAsync(new NewOrganisation($"A {kind}") { Kind = kind });
        Assert.That((string)created["kind"]!, Is.EqualTo(kind));
        Assert.That((bool)created["interestRepresentative"]!, Is.EqualTo(representative));
        Assert.That(created["interestRepresentativeOverride"], Is.Null);
        Assert.That((bool)(await Admin.ReadAsync(Routes.Organisations, created.Id()))["interestRepresentative"]!, Is.EqualTo(representative));
        Assert.That((await Admin.ListAsync(Routes.Organisations, $"kind={kind}")).Select(o => o.Id()), Is.EqualTo(new[] { created.Id() }));
    }

    [Test]
    public async Task Our_own_units_are_never_interest_representatives_whatever_their_kind()
    {
        var unit = await Admin.CreateOrganisationAsync(new NewOrganisation("Secretariat-General") { Kind = "other", Internal = true });
        Assert.That((bool)unit["interestRepresentative"]!, Is.False);

        var patched = await (await Admin.PatchAsync(unit.Id(), """{"internal": false}""", Requests.ETag(unit))).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)patched["interestRepresentative"]!, Is.True, "the same kind outside our administration is one");
    }

    [Test]
    public async Task An_override_with_a_reason_wins_over_the_kind_and_clearing_it_falls_back()
    {
        var church = await Admin.CreateOrganisationAsync(new NewOrganisation("Conference of European Churches")
        {
            Kind = "religiousOrganisation", InterestRepresentativeOverride = new { value = false, reason = "Meets us as a church under Article 17 TFEU." },
        });
        Assert.That((bool)church["interestRepresentative"]!, Is.False);
        Assert.That((bool)church["interestRepresentativeOverride"]!["value"]!, Is.False);
        Assert.That((string)church["interestRepresentativeOverride"]!["reason"]!, Is.EqualTo("Meets us as a church under Article 17 TFEU."));

        var party = await Admin.CreateOrganisationAsync(new NewOrganisation("A party foundation") { Kind = "politicalParty" });
        var overridden = await (await Admin.PatchAsync(party.Id(),
            """{"interestRepresentativeOverride": {"value": true, "reason": "Registered in the Transparency Register as a think tank."}}""",
            Requests.ETag(party))).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)overridden["interestRepresentative"]!, Is.True);
        Assert.That((bool)(await Admin.ReadAsync(Routes.Organisations, party.Id()))["interestRepresentative"]!, Is.True);

        var cleared = await (await Admin.PatchAsync(party.Id(), """{"interestRepresentativeOverride": null}""", Requests.ETag(overridden)))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(cleared["interestRepresentativeOverride"], Is.Null);
        Assert.That((bool)cleared["interestRepresentative"]!, Is.False, "a political party again");

        var byList = await (await Admin.PatchAsync(church.Id(), """{"clear": ["interestRepresentativeOverride"]}""", Requests.ETag(church)))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(byList["interestRepresentativeOverride"], Is.Null);
        Assert.That((bool)byList["interestRepresentative"]!, Is.True, "a religious organisation's office by default");
    }

    [Test]
    public async Task An_override_needs_a_value_and_a_reason_of_at_most_500_characters()
    {
        await (await Admin.PostRawAsync("""{"name": "A", "kind": "company", "interestRepresentativeOverride": {"value": false}}"""))
            .FieldErrorAsync("interestRepresentativeOverride.reason");
        await (await Admin.PostRawAsync("""{"name": "A", "kind": "company", "interestRepresentativeOverride": {"value": false, "reason": " "}}"""))
            .FieldErrorAsync("interestRepresentativeOverride.reason");
        await (await Admin.PostRawAsync("""{"name": "A", "kind": "company", "interestRepresentativeOverride": {"reason": "Why not"}}"""))
            .FieldErrorAsync("interestRepresentativeOverride.value");
        var tooLong = new string('x', 501);
        await (await Admin.PostRawAsync("""{"name": "A", "kind": "company", "interestRepresentativeOverride": {"value": false, "reason": "R"}}"""
                .Replace("\"R\"", $"\"{tooLong}\"", StringComparison.Ordinal)))
            .FieldErrorAsync("interestRepresentativeOverride.reason");

        var company = await Admin.CreateOrganisationAsync("TikTok");
        await (await Admin.PatchAsync(company.Id(), """{"interestRepresentativeOverride": {"value": false}}""", Requests.ETag(company)))
            .FieldErrorAsync("interestRepresentativeOverride.reason");
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.EqualTo(1));
        Assert.That((int)(await Admin.ReadAsync(Routes.Organisations, company.Id()))["version"]!, Is.EqualTo(1));
    }

    [Test]
    public async Task The_list_filters_on_interest_representative_by_override_kind_and_internal()
    {
        var company = await Admin.CreateOrganisationAsync("TikTok");
        var authority = await Admin.CreateOrganisationAsync(new NewOrganisation("Irish Data Protection Commission") { Kind = "publicAuthority" });
        var unit = await Admin.CreateOrganisationAsync(new NewOrganisation("Our directorate") { Kind = "other", Internal = true });
        var overridden = await Admin.CreateOrganisationAsync(new NewOrganisation("A university's lobby office")
        {
            Kind = "academic", InterestRepresentativeOverride = new { value = false, reason = "Meets us only under a grant agreement." },
        });
        var party = await Admin.CreateOrganisationAsync(new NewOrganisation("A party")
        {
            Kind = "politicalParty", InterestRepresentativeOverride = new { value = true, reason = "Acts for a business association." },
        });

        Assert.That((await Admin.ListAsync(Routes.Organisations, "interestRepresentative=true")).Select(o => o.Id()),
            Is.EquivalentTo(new[] { company.Id(), party.Id() }));
        Assert.That((await Admin.ListAsync(Routes.Organisations, "interestRepresentative=false")).Select(o => o.Id()),
            Is.EquivalentTo(new[] { authority.Id(), unit.Id(), overridden.Id() }));
        Assert.That((await Admin.ListAsync(Routes.Organisations, "interestRepresentative=false&internal=false")).Select(o => o.Id()),
            Is.EquivalentTo(new[] { authority.Id(), overridden.Id() }));
        await (await Admin.GetAsync($"{Routes.Organisations}?interestRepresentative=maybe")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}

/// <summary>Migration 0024 rebuilds the SQLite organisations table to take the new kinds; the rows and what refers to them stay.</summary>
public sealed class OrganisationKindsMigrationTests
{
    [Test]
    public async Task Rebuilding_the_table_keeps_rows_their_references_and_foreign_keys()
    {
        using var scratch = new ScratchSqlite();
        await using var connection = await scratch.Connections.OpenAsync(CancellationToken.None);
        var migrations = Directory.GetFiles(RepositoryFiles.PathOf("db", "sqlite"), "*.sql").Order().ToList();
        var rebuild = migrations.Single(m => m.Contains("0024_", StringComparison.Ordinal));
        foreach (var script in migrations.TakeWhile(m => m != rebuild)) await connection.ExecuteAsync(File.ReadAllText(script));
        await connection.ExecuteAsync("""
            INSERT INTO organisations (id, name, name_key, kind, internal, aliases, parent_id, tags, version, created_at, updated_at)
            VALUES ('00000000-0000-7000-8000-000000000002', 'TikTok', 'tiktok', 'company', 0, '[]', '00000000-0000-7000-8000-000000000001',
                '["platform"]', 1, '2021-06-28', '2021-06-28'),
                ('00000000-0000-7000-8000-000000000001', 'ByteDance', 'bytedance', 'company', 0, '[]', NULL, '[]', 1, '2021-06-28', '2021-06-28');
            INSERT INTO organisation_tags (tag_key, organisation_id) VALUES ('platform', '00000000-0000-7000-8000-000000000002');
            INSERT INTO contacts (id, full_name, name_key, positions, current_organisation_id, version, created_at, updated_at)
            VALUES ('00000000-0000-7000-8000-000000000003', 'Caroline Greer', 'caroline greer', '[]', '00000000-0000-7000-8000-000000000002', 1,
                '2021-06-28', '2021-06-28');
            """);

        const string Indexes = "SELECT name FROM sqlite_master WHERE tbl_name = 'organisations' AND type = 'index' ORDER BY name";
        var indexes = (await connection.QueryAsync<string>(Indexes)).ToList();
        Assert.That(indexes, Has.Count.EqualTo(10));

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync(File.ReadAllText(rebuild), transaction: transaction);
            await transaction.CommitAsync();
        }

        Assert.That(await connection.QueryAsync<string>("SELECT name FROM organisations ORDER BY name"), Is.EqualTo(new[] { "ByteDance", "TikTok" }));
        Assert.That(await connection.QueryAsync("PRAGMA foreign_key_check"), Is.Empty);
        Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"), Is.EqualTo(1));
        Assert.That(await connection.QueryAsync<string>(Indexes), Is.EqualTo(indexes));
        await connection.ExecuteAsync("""
            INSERT INTO organisations (id, name, name_key, kind, internal, aliases, tags, version, created_at, updated_at)
            VALUES ('00000000-0000-7000-8000-000000000004', 'A party', 'a party', 'politicalParty', 0, '[]', '[]', 1, '2021-06-28', '2021-06-28')
            """);
        var refused = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => connection.ExecuteAsync(
            "DELETE FROM organisations WHERE id = '00000000-0000-7000-8000-000000000002'"));
        Assert.That(refused!.Message, Does.Contain("FOREIGN KEY"), "the contact and the tag still refer to it");
    }
}
