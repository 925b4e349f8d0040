using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Reports;

/// <summary>
/// The copy released on an access-to-documents request (issue 21, point 7): the names of management, cabinet and
/// public-facing people kept, everyone else's [REDACTED], no e-mail or phone anywhere; never a sensitive engagement.
/// </summary>
public sealed class ReleasedReportTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task The_demo_call_released_keeps_the_cabinet_the_directors_and_TikToks_public_policy_people()
    {
        var meeting = await EngagementReportTests.SeedDemoAsync(Host, Admin);
        var muschel = (await Admin.ListAsync(Routes.Contacts, "q=Muschel")).Single();
        var home = (string)muschel["positions"]![0]!["organisationId"]!;
        var officer = await Admin.CreateAsync(Routes.Contacts, new NewContact("Jana Novak")
        {
            Email = "jana.novak@example.org", Positions = [new NewPosition(home) { Title = "Policy Officer", Function = "staff" }],
        });
        var engagement = await Admin.ReadAsync(Routes.Engagements, meeting);
        var distribution = engagement["distribution"]!.AsArray().Select(d => new { contactId = (string)d!["contactId"]!, kind = (string)d["kind"]! })
            .Append(new { contactId = officer.Id(), kind = "cc" });
        await (await Admin.PatchAsync(Routes.Engagements, engagement, Json(new { distribution }))).JsonAsync(HttpStatusCode.OK);

        var report = await ReportAsync(meeting, "release=public");

        await ExpectedReport.AssertMatchesAsync("seed-report-public.md", report);
        Assert.That(report, Does.Contain("To: LUCHNER Johannes (HOME); MAGLIONE Monika (CAB-JOHANSSON); ONIDI Olivier (HOME); PARIAT Monique (HOME)\n"));
        Assert.That(report, Does.Contain("Cc: [REDACTED]\n").And.Contain("From: MUSCHEL Laurent (HOME)\n"));
        Assert.That(report, Does.Contain("**Monika Maglione**").And.Contain("**Caroline Greer**").And.Contain("**Alexandra Evans**"));
        Assert.That(report, Does.Not.Contain("Novak").And.Not.Contain("Jana").And.Not.Contain("@"));
        Assert.That(await ReportAsync(meeting, ""), Does.Contain("Cc: NOVAK Jana (HOME)\n"), "the report itself names everyone");
    }

    [Test]
    public async Task Other_staff_and_representatives_without_a_public_facing_role_are_redacted_wherever_they_are_named()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        await (await Admin.PatchAsync(Routes.Contacts, seed.Greer, Json(new
        {
            email = "caroline.greer@example.com", phone = "+353 1 555 0100",
            positions = new[] { new NewPosition(seed.TikTok.Id()) { Title = "Director, Public Policy & Government Relations", From = "2020-01-01", PublicFacing = true } },
        }))).JsonAsync(HttpStatusCode.OK);
        await (await Admin.PatchAsync(Routes.Contacts, seed.Evans, """{"email": "alexandra.evans@example.com", "phone": "+353 1 555 0101"}"""))
            .JsonAsync(HttpStatusCode.OK);
        var officer = await Admin.CreateAsync(Routes.Contacts, new NewContact("Pat Officer")
        {
            Email = "pat.officer@example.org", Phone = "+32 2 299 11 11",
            Positions = [new NewPosition(seed.Home.Id()) { Title = "Policy Officer", From = "2020-01-01", Function = "staff" }],
        });
        var call = seed.Engagement();
        var meeting = await Admin.CreateAsync(Routes.Engagements, call with
        {
            Participants = [.. call.Participants!, new NewParticipant(officer.Id())],
            KeyPoints = [.. call.KeyPoints!, new("detail", "pat officer will send TikTok the workshop dates (copying the Pat Officers' Club).")],
            Distribution = [.. call.Distribution!, new(officer.Id(), "cc")],
        });

        var released = await ReportAsync(meeting.Id(), "release=public");
        var full = await ReportAsync(meeting.Id(), "");
        var named = await Admin.CreateAsync(Routes.Engagements, call with { Title = "Call with Pat Officer", Participants = [.. call.Participants!, new NewParticipant(officer.Id())] });
        var file = (await Admin.GetAsync($"{Routes.Engagements}/{named.Id()}/report?release=public")).Content.Headers.ContentDisposition!.FileName!;
        Assert.That(file, Does.Not.Contain("pat").And.Contain("public"), "the file name is made from the redacted title");

        Assert.That(released, Does.Contain("**Monika Maglione**, Member of Cabinet (Cabinet of Commissioner Johansson)"), "a cabinet member");
        Assert.That(released, Does.Contain("**Caroline Greer**, Director, Public Policy & Government Relations"), "a public-facing representative");
        Assert.That(released, Does.Contain(", and [REDACTED] took place."), "a representative in no public-facing role");
        Assert.That(released, Does.Contain("and [REDACTED] (HOME)"), "other staff keep their unit, not their name");
        Assert.That(released, Does.Contain("- [REDACTED] will send TikTok the workshop dates (copying the Pat Officers' Club)."),
            "the name is redacted in the text too, as a whole word");
        Assert.That(released, Does.Contain("Cc: MUSCHEL Laurent (HOME); [REDACTED]\n"));
        Assert.That(released, Does.Not.Contain("Evans").And.Not.Contain("Policy Officer").And.Not.Contain("OFFICER"));
        Assert.That(full, Does.Contain("**Alexandra Evans**").And.Contain("**Pat Officer**, Policy Officer (HOME)").And.Contain("OFFICER Pat (HOME)"));
        foreach (var report in new[] { released, full })
        {
            Assert.That(report, Does.Not.Contain("@").And.Not.Contain("+353").And.Not.Contain("+32"), "no e-mail or phone, released or not");
        }
    }

    [Test]
    public async Task A_public_facing_role_held_after_the_meeting_does_not_keep_the_name()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        await (await Admin.PatchAsync(Routes.Contacts, seed.Evans, Json(new
        {
            positions = new[]
            {
                new NewPosition(seed.TikTok.Id()) { Title = "Head of Child Safety Europe", From = "2020-01-01", To = "2021-12-31" },
                new NewPosition(seed.TikTok.Id()) { Title = "Head of Public Policy", From = "2022-01-01", PublicFacing = true },
            },
        }))).JsonAsync(HttpStatusCode.OK);
        var meeting = await Admin.CreateAsync(Routes.Engagements, seed.Engagement());

        Assert.That(await ReportAsync(meeting.Id(), "release=public"), Does.Not.Contain("Evans"));
    }

    [Test]
    public async Task A_sensitive_engagement_is_never_released_and_stays_hidden_from_uncleared_readers()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var sensitive = await Admin.CreateAsync(Routes.Engagements, seed.Engagement() with { Confidentiality = "sensitive" });
        var route = $"{Routes.Engagements}/{sensitive.Id()}/report";

        var refused = await (await Admin.GetAsync($"{route}?release=public")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)refused["detail"]!, Does.Contain("sensitive"));
        Assert.That((await Admin.GetAsync(route)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the cleared can read its report");

        var reader = await ClientWithRoleAsync("reader");
        await (await reader.GetAsync(route)).ProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync($"{route}?release=public")).ProblemAsync(HttpStatusCode.NotFound);
        await (await reader.GetAsync($"{route}?format=docx")).ProblemAsync(HttpStatusCode.NotFound);
        var cleared = await Admin.PostAsync(Routes.ApiKeys, new NewApiKey("cleared reader", "reader") { Cleared = true });
        var clearedReader = Client((string)(await cleared.JsonAsync(HttpStatusCode.Created))["secret"]!);
        Assert.That((await clearedReader.GetAsync(route)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static string Json(object body) => RequestBody.Node(body).ToJsonString();

    private async Task<string> ReportAsync(string engagementId, string query)
    {
        var response = await Admin.GetAsync($"{Routes.Engagements}/{engagementId}/report?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return text;
    }
}
