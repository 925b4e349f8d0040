using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Contacts;

/// <summary>
/// The function of our own staff (issue 20): recorded on a position at one of our own units only, and copied to a
/// participant as it was on the engagement's date.
/// </summary>
public sealed class StaffFunctionTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task A_position_at_one_of_our_own_units_takes_a_function_and_the_function_is_optional()
    {
        var cabinet = await Admin.CreateOrganisationAsync(NewOrganisation.OwnUnit("Cabinet of Commissioner Johansson"));
        var contact = await Admin.CreateAsync(Routes.Contacts, new NewContact("Monika Maglione")
        {
            Positions = [new NewPosition(cabinet.Id()) { Title = "Member of Cabinet", Function = "cabinetMember" }],
        });
        Assert.That((string)contact["positions"]![0]!["function"]!, Is.EqualTo("cabinetMember"));
        Assert.That((string)(await Admin.ReadAsync(Routes.Contacts, contact.Id()))["positions"]![0]!["function"]!, Is.EqualTo("cabinetMember"));

        var without = await Admin.CreateAsync(Routes.Contacts, new NewContact("Someone") { Positions = [new NewPosition(cabinet.Id())] });
        Assert.That(without["positions"]![0]!["function"], Is.Null);
    }

    [Test]
    public async Task A_function_at_an_external_organisation_is_refused_naming_the_position()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var home = await Admin.CreateOrganisationAsync(NewOrganisation.OwnUnit("DG HOME"));
        var response = await Admin.PostAsync(Routes.Contacts, new NewContact("Caroline Greer")
        {
            Positions =
            [
                new NewPosition(home.Id()) { From = "2015-01-01", To = "2019-12-31", Function = "staff" },
                new NewPosition(tiktok.Id()) { From = "2020-01-01", Function = "director" },
            ],
        });
        Assert.That(await response.FieldErrorAsync("positions[1].function"), Does.Contain("one of our own units"));

        var contact = await Admin.CreateAsync(Routes.Contacts, new NewContact("Alexandra Evans") { Positions = [new NewPosition(tiktok.Id())] });
        var patch = await Admin.PatchAsync(Routes.Contacts, contact, $$"""{"positions": [{"organisationId": "{{tiktok.Id()}}", "function": "headOfUnit"}]}""");
        await patch.FieldErrorAsync("positions[0].function");

        var unknown = await Admin.PostAsync(Routes.Contacts, new NewContact("X") { Positions = [new NewPosition(home.Id()) { Function = "commissioner" }] });
        await unknown.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM contacts"), Is.EqualTo(1), "only the contact without a function");
    }

    [Test]
    public async Task A_participant_keeps_the_function_held_on_the_engagement_date_after_a_promotion()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var home = await Admin.CreateOrganisationAsync(NewOrganisation.OwnUnit("DG HOME"));
        var official = await Admin.CreateAsync(Routes.Contacts, new NewContact("Laurent Muschel")
        {
            Positions = [new NewPosition(home.Id()) { Title = "Head of Unit", From = "2019-01-01", Function = "headOfUnit" }],
        });
        var representative = await Admin.CreateAsync(Routes.Contacts, new NewContact("Caroline Greer") { Positions = [new NewPosition(tiktok.Id())] });
        NewEngagement Call(string startsAt) => new($"Call of {startsAt}", startsAt)
        {
            Kind = "call", OrganisationIds = [tiktok.Id()], Participants = [new NewParticipant(official.Id()), new NewParticipant(representative.Id())],
        };
        static IEnumerable<string?> Functions(JsonObject engagement) => engagement["participants"]!.AsArray().Select(p => (string?)p!["function"]);

        var meeting = await Admin.CreateAsync(Routes.Engagements, Call("2021-06-28T10:00:00Z"));
        Assert.That(Functions(meeting), Is.EqualTo(new[] { "headOfUnit", null }));

        await (await Admin.PatchAsync(Routes.Contacts, official, $$"""
            {"positions": [
                {"organisationId": "{{home.Id()}}", "title": "Head of Unit", "from": "2019-01-01", "to": "2021-12-31", "function": "headOfUnit"},
                {"organisationId": "{{home.Id()}}", "title": "Director", "from": "2022-01-01", "function": "director"}]}
            """)).JsonAsync(HttpStatusCode.OK);

        Assert.That(Functions(await Admin.ReadAsync(Routes.Engagements, meeting.Id())), Is.EqualTo(new[] { "headOfUnit", null }));
        var edited = await (await Admin.PatchAsync(Routes.Engagements, meeting, """{"summary": "Recorded again after the promotion."}"""))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(Functions(edited), Is.EqualTo(new[] { "headOfUnit", null }), "an edit resolves the function on the meeting's date again");
        Assert.That((string)edited["participants"]![0]!["title"]!, Is.EqualTo("Head of Unit"));

        var later = await Admin.CreateAsync(Routes.Engagements, Call("2022-03-01T10:00:00Z"));
        Assert.That(Functions(later), Is.EqualTo(new[] { "director", null }));
    }
}
