using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Organisations;

/// <summary>
/// An organisation's Transparency Register entry and whether it is registered today (issue 20, ADR 018): a well-formed id,
/// listed once a register has been imported; and the list filter for who needs attention.
/// </summary>
public sealed class OrganisationRegistrationTests(DatabaseProvider provider) : ApiTest(provider)
{
    private static readonly string Listed = RegisterXml.Code(1);
    private static readonly string Later = RegisterXml.Code(2);

    [Test]
    public async Task Shows_the_register_entry_when_the_id_is_found()
    {
        await ImportAsync(RegisterXml.Entry(Listed, "Example Platform Ltd", "EPL"));
        var created = await Admin.CreateOrganisationAsync(new NewOrganisation("Example Platform") { TransparencyRegisterId = Listed });

        foreach (var organisation in new[] { created, await Admin.ReadAsync(Routes.Organisations, created.Id()), (await Admin.ListAsync(Routes.Organisations, "")).Single() })
        {
            Assert.That((string)organisation["registration"]!["identificationCode"]!, Is.EqualTo(Listed));
            Assert.That((string)organisation["registration"]!["name"]!, Is.EqualTo("Example Platform Ltd"));
            Assert.That((string)organisation["registration"]!["acronym"]!, Is.EqualTo("EPL"));
            Assert.That((bool)organisation["registered"]!, Is.True);
        }
    }

    [Test]
    public async Task An_unknown_id_after_an_import_has_no_registration_and_is_not_registered()
    {
        await ImportAsync(RegisterXml.Entry(Listed, "Example Platform Ltd"));
        var created = await Admin.CreateOrganisationAsync(new NewOrganisation("Unknown Ltd") { TransparencyRegisterId = Later });

        var read = await Admin.ReadAsync(Routes.Organisations, created.Id());
        Assert.That(read["registration"], Is.Null);
        Assert.That((bool)read["registered"]!, Is.False);
    }

    [Test]
    public async Task A_well_formed_id_counts_as_registered_before_any_import_and_a_malformed_or_missing_one_never()
    {
        var wellFormed = await Admin.CreateOrganisationAsync(new NewOrganisation("Well Formed Ltd") { TransparencyRegisterId = Later });
        var tooShort = await Admin.CreateOrganisationAsync(new NewOrganisation("Too Short Ltd") { TransparencyRegisterId = "12345-67" });
        var none = await Admin.CreateOrganisationAsync(new NewOrganisation("No Id Ltd"));

        Assert.That(((bool)wellFormed["registered"]!, wellFormed["registration"]), Is.EqualTo((true, (object?)null)));
        Assert.That((bool)(await Admin.ReadAsync(Routes.Organisations, wellFormed.Id()))["registered"]!, Is.True);
        Assert.That((bool)tooShort["registered"]!, Is.False);
        Assert.That((bool)none["registered"]!, Is.False);
        Assert.That((await Admin.ListAsync(Routes.Organisations, "registered=true")).Select(o => o.Id()), Is.EqualTo(new[] { wellFormed.Id() }));
    }

    [Test]
    public async Task An_entry_missing_from_a_later_file_is_delisted_and_no_longer_registered()
    {
        await ImportAsync(RegisterXml.Entry(Listed, "Example Platform Ltd"), RegisterXml.Entry(Later, "Other Ltd"));
        var created = await Admin.CreateOrganisationAsync(new NewOrganisation("Example Platform") { TransparencyRegisterId = Listed });
        Assert.That((bool)created["registered"]!, Is.True);

        await ImportAsync(RegisterXml.Entry(Later, "Other Ltd"));

        var read = await Admin.ReadAsync(Routes.Organisations, created.Id());
        Assert.That((bool)read["registration"]!["listed"]!, Is.False);
        Assert.That((bool)read["registered"]!, Is.False);
        Assert.That((await Admin.ListAsync(Routes.Organisations, "registered=false")).Select(o => o.Id()), Is.EqualTo(new[] { created.Id() }));
    }

    [Test]
    public async Task Lists_the_unregistered_interest_representatives_that_need_attention()
    {
        await ImportAsync(RegisterXml.Entry(Listed, "Registered Company"));
        var registered = await Admin.CreateOrganisationAsync(new NewOrganisation("Registered Company") { TransparencyRegisterId = Listed });
        var unknown = await Admin.CreateOrganisationAsync(new NewOrganisation("Unknown Company") { TransparencyRegisterId = Later });
        var noId = await Admin.CreateOrganisationAsync(new NewOrganisation("Company Without Id"));
        var authority = await Admin.CreateOrganisationAsync(new NewOrganisation("A Ministry") { Kind = "publicAuthority" });

        const string query = "registered=false&interestRepresentative=true&sort=name";
        var first = await (await Admin.GetAsync($"{Routes.Organisations}?{query}&limit=1")).JsonAsync(HttpStatusCode.OK);
        var second = await Admin.ListAsync(Routes.Organisations, $"{query}&limit=1&cursor={Uri.EscapeDataString((string)first["nextCursor"]!)}");
        Assert.That(new[] { first["items"]![0]!.AsObject().Id(), second.Single().Id() }, Is.EqualTo(new[] { noId.Id(), unknown.Id() }),
            "by name, page by page, without the registered one or the authority");
        Assert.That((bool)second.Single()["registered"]!, Is.False);
        Assert.That((await Admin.ListAsync(Routes.Organisations, "registered=false&interestRepresentative=false")).Select(o => o.Id()),
            Is.EqualTo(new[] { authority.Id() }));
        Assert.That((await Admin.ListAsync(Routes.Organisations, "registered=true&interestRepresentative=true")).Select(o => o.Id()),
            Is.EqualTo(new[] { registered.Id() }));
    }

    private async Task ImportAsync(params string[] entries)
        => await (await Admin.ImportAsync(RegisterXml.File("2026-01-01", entries))).JsonAsync(HttpStatusCode.OK);
}
