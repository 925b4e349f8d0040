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
    public async Task Free_text_withholds_a_redacted_persons_every_name_form_and_any_address_phone_or_telling_link_in_Markdown_and_Word()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var doe = await Admin.CreateAsync(Routes.Contacts, new NewContact("Jane Doe")
        {
            Positions = [new NewPosition(seed.Home.Id()) { Title = "Policy Officer", From = "2020-01-01", Function = "staff" }],
        });
        const string Kept = "https://newsroom.tiktok.com/en-gb/countering-hate-on-tiktok-gb";
        var call = seed.Engagement();
        var meeting = await Admin.CreateAsync(Routes.Engagements, call with
        {
            Title = "Meeting with TikTok and Jane Doe",
            Participants = [.. call.Participants!, new NewParticipant(doe.Id())],
            Purpose = "Follow-up agreed with J. Doe on 2021-06-28 at 10:00.",
            KeyPoints =
            [
                new("keyPoint", "DOE Jane presented the figures: 1 000 000 users joined after 2021-06-28."),
                new("keyPoint", "Doe will write from jane.doe@example.eu or call +32 2 299 11 11 before 10:00; Monika Maglione agreed."),
                new("detail", "jane doe's office line is (0)2-123.45.67; Doe's notes and the Doerr study follow."),
            ],
            Links =
            [
                new("https://example.eu/placeholder", "Write to DOE Jane"), new("https://example.eu/register?id=42", "Register entry"),
                new("https://example.eu/people/jane.doe", "Who is who"), new(Kept, "Hateful ideologies"),
            ],
        });
        // The API takes only web addresses now; a mailto: link stands for one recorded before that rule.
        Assert.That(await TestDatabase.ExecuteAsync(Host, "UPDATE engagement_links SET url = @Url WHERE url = 'https://example.eu/placeholder'",
            new { Url = "mailto:jane.doe@example.eu" }), Is.EqualTo(1));
        string[] withheld =
        [
            "Purpose: Follow-up agreed with [REDACTED] on 2021-06-28 at 10:00.",
            "[REDACTED] presented the figures: 1 000 000 users joined after 2021-06-28.",
            "[REDACTED] will write from [REDACTED] or call [REDACTED] before 10:00; Monika Maglione agreed.",
            "[REDACTED]'s office line is [REDACTED]; [REDACTED]'s notes and the Doerr study follow.",
            "Write to [REDACTED]: [REDACTED]", "Register entry: [REDACTED]", "Who is who: [REDACTED]",
        ];
        string[] gone = ["Jane", "DOE ", "Doe ", "@", "mailto", "299", "123.45", "?id", "/people"];

        var released = await ReportAsync(meeting.Id(), "release=public");
        var full = await ReportAsync(meeting.Id(), "");
        var response = await Admin.GetAsync($"{Routes.Engagements}/{meeting.Id()}/report?release=public&format=docx");
        var word = await WordFile.ReadAsync(response);

        Assert.That(full, Does.Contain("DOE Jane presented").And.Contain("jane.doe@example.eu or call +32 2 299 11 11"), "the report itself keeps what was written");
        Assert.That(released, Does.Contain("Subject: REPORT: Meeting with TikTok and [REDACTED] 28 June 2021\n"));
        Assert.That(released, Does.Contain($"- Hateful ideologies: <{Kept}>\n"), "a plain web page's address stays");
        Assert.That(released, Does.Contain("**Monika Maglione**"));
        foreach (var text in withheld) Assert.That(released, Does.Contain(text), "Markdown");
        foreach (var text in gone) Assert.That(released, Does.Not.Contain(text), "Markdown");

        Assert.That(word.Errors, Is.Empty);
        Assert.That(word.Paragraphs, Does.Contain("Subject: REPORT: Meeting with TikTok and [REDACTED] 28 June 2021"));
        Assert.That(word.Bullets, Is.SupersetOf(withheld.Skip(1).Append($"Hateful ideologies: {Kept}")));
        Assert.That(word.Paragraphs.Single(p => p.StartsWith("On 28 June", StringComparison.Ordinal)), Does.EndWith(withheld[0]));
        Assert.That(word.Hyperlinks, Is.EqualTo(new[] { Kept }), "only the plain web page is a hyperlink");
        var document = string.Join("\n", word.Paragraphs);
        foreach (var text in gone) Assert.That(document, Does.Not.Contain(text), "Word");
    }

    [Test]
    public async Task A_kept_person_keeps_a_surname_a_redacted_one_shares_and_accented_names_are_matched_as_whole_words()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        async Task<JsonObject> Person(string name, JsonObject unit, string function)
            => await Admin.CreateAsync(Routes.Contacts, new NewContact(name)
            {
                Positions = [new NewPosition(unit.Id()) { Title = "Adviser", From = "2020-01-01", Function = function }],
            });
        var tom = await Person("Tom Evans", seed.Cabinet, "cabinetMember");
        var aoife = await Person("Aoife Ó Briain", seed.Home, "staff");
        var jurgen = await Person("Jürgen Müller", seed.Home, "staff");
        var call = seed.Engagement();
        var meeting = await Admin.CreateAsync(Routes.Engagements, call with
        {
            Participants = [.. call.Participants!, new NewParticipant(tom.Id()), new NewParticipant(aoife.Id()), new NewParticipant(jurgen.Id())],
            KeyPoints =
            [
                new("keyPoint", "Evans thanked Alexandra Evans and EVANS Alexandra; T. Evans agreed, A. Evans did not."),
                new("detail", "Ó Briain, ó briain and MÜLLER Jürgen met Müller at the Müllerstraße office."),
            ],
        });

        var released = await ReportAsync(meeting.Id(), "release=public");

        Assert.That(released, Does.Contain("- Evans thanked [REDACTED] and [REDACTED]; T. Evans agreed, [REDACTED] did not.\n"),
            "the surname alone stays when a kept person bears it");
        Assert.That(released, Does.Contain("- [REDACTED], [REDACTED] and [REDACTED] met [REDACTED] at the Müllerstraße office.\n"));
        Assert.That(released, Does.Contain("**Tom Evans**"));
        Assert.That(released, Does.Not.Contain("Alexandra").And.Not.Contain("Briain").And.Not.Contain("Jürgen"));
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
