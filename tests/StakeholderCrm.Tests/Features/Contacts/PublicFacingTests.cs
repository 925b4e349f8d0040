using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Contacts;

/// <summary>
/// A representative's public-facing role (issue 21): marked on a position at an external organisation only, false when
/// left out, and kept in the contact's positions.
/// </summary>
public sealed class PublicFacingTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task A_position_at_an_external_organisation_can_be_public_facing_and_is_not_by_default()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var contact = await Admin.CreateAsync(Routes.Contacts, new NewContact("Caroline Greer")
        {
            Positions = [new NewPosition(tiktok.Id()) { Title = "Director, Public Policy & Government Relations", PublicFacing = true }],
        });
        Assert.That((bool)contact["positions"]![0]!["publicFacing"]!, Is.True);
        Assert.That((bool)(await Admin.ReadAsync(Routes.Contacts, contact.Id()))["positions"]![0]!["publicFacing"]!, Is.True);

        var other = await Admin.CreateAsync(Routes.Contacts, new NewContact("Alexandra Evans") { Positions = [new NewPosition(tiktok.Id())] });
        Assert.That((bool)other["positions"]![0]!["publicFacing"]!, Is.False);
    }

    [Test]
    public async Task A_public_facing_position_at_one_of_our_own_units_is_refused_naming_the_position()
    {
        var home = await Admin.CreateOrganisationAsync(NewOrganisation.OwnUnit("DG HOME"));
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var response = await Admin.PostAsync(Routes.Contacts, new NewContact("Laurent Muschel")
        {
            Positions =
            [
                new NewPosition(tiktok.Id()) { To = "2019-12-31", PublicFacing = true },
                new NewPosition(home.Id()) { From = "2020-01-01", Function = "director", PublicFacing = true },
            ],
        });
        Assert.That(await response.FieldErrorAsync("positions[1].publicFacing"), Does.Contain("external organisation"));

        var contact = await Admin.CreateAsync(Routes.Contacts, new NewContact("Olivier Onidi") { Positions = [new NewPosition(home.Id())] });
        var patch = await Admin.PatchAsync(Routes.Contacts, contact, $$"""{"positions": [{"organisationId": "{{home.Id()}}", "publicFacing": true}]}""");
        await patch.FieldErrorAsync("positions[0].publicFacing");
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM contacts"), Is.EqualTo(1), "only the contact without it");
    }
}
