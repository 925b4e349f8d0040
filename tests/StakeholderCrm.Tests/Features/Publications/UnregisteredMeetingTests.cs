using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Publications;

/// <summary>
/// No registration, no meeting (issue 20): covered staff at a planned or held engagement may not meet an interest
/// representative that was not in the Transparency Register on the engagement's date, unless an override gives a reason.
/// </summary>
public sealed class UnregisteredMeetingTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Engagements;
    private const string ProblemType = "/problems/unregistered-interest-representative";
    private const string SeedDay = "2021-06-28T10:00:00+02:00";
    private SeedMeeting seed = null!;

    [SetUp]
    public async Task RecordPeople() => seed = await SeedMeeting.RecordPeopleAsync(Admin);

    [TestCase("held", null)]
    [TestCase("planned", null)]
    [TestCase("held", "1234-56")]
    [TestCase("planned", "1234567890123-45")]
    public async Task A_cabinet_member_meeting_a_company_without_a_well_formed_code_is_refused_and_nothing_is_written(string status, string? code)
    {
        var company = await Company("Unregistered Lobby Ltd", code);

        var problem = await Refused(await Admin.PostAsync(Route, Meeting(SeedDay, company, seed.Maglione) with { Status = status }));

        Assert.That((string)problem["detail"]!, Does.Contain("Unregistered Lobby Ltd").And.Contain("Monika Maglione").And.Contain("cabinet member"));
        Assert.That((string)problem["organisationId"]!, Is.EqualTo(company.Id()));
        Assert.That((string)problem["contactId"]!, Is.EqualTo(seed.Maglione.Id()));
        Assert.That(problem["breaches"]!.AsArray(), Has.Count.EqualTo(1));
        await AssertNoEngagementWritten();
    }

    [Test]
    public async Task Every_covered_participant_and_unregistered_organisation_is_a_breach()
    {
        var first = await Company("First Lobby Ltd", null);
        var second = await Company("Second Lobby Ltd", "12345-67");
        var engagement = Meeting(SeedDay, first, seed.Maglione, seed.Recipients[2]) with { OrganisationIds = [first.Id(), second.Id(), seed.TikTok.Id()] };

        var problem = await Refused(await Admin.PostAsync(Route, engagement));

        var breaches = problem["breaches"]!.AsArray().Select(b => ((string)b!["contactId"]!, (string)b["organisationId"]!)).ToList();
        Assert.That(breaches, Is.EquivalentTo(new[]
        {
            (seed.Maglione.Id(), first.Id()), (seed.Maglione.Id(), second.Id()),
            (seed.Recipients[2].Id(), first.Id()), (seed.Recipients[2].Id(), second.Id()),
        }), "TikTok is registered: a well-formed code before any import");
    }

    [Test]
    public async Task A_head_of_unit_is_covered_from_2025_only()
    {
        var company = await Company("Unregistered Lobby Ltd", null);
        var head = await Staff("Hanna Head", "headOfUnit");

        var problem = await Refused(await Admin.PostAsync(Route, Meeting("2025-01-01T10:00:00+01:00", company, head)));
        Assert.That((string)problem["contactId"]!, Is.EqualTo(head.Id()));
        Assert.That((string)problem["detail"]!, Does.Contain("Hanna Head").And.Contain("head of unit"));

        var in2024 = await Admin.CreateAsync(Route, Meeting("2024-12-31T10:00:00+01:00", company, head));
        Assert.That(in2024["warnings"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task An_update_that_adds_an_unregistered_company_is_refused_and_the_engagement_keeps_its_version()
    {
        var meeting = await Admin.CreateAsync(Route, seed.Engagement());
        var company = await Company("Unregistered Lobby Ltd", null);

        var problem = await Refused(await Admin.PatchAsync(Route, meeting,
            $$"""{"organisationIds": ["{{seed.TikTok.Id()}}", "{{company.Id()}}"]}"""));
        Assert.That((string)problem["organisationId"]!, Is.EqualTo(company.Id()));

        var read = await Admin.ReadAsync(Route, meeting.Id());
        Assert.That((int)read["version"]!, Is.EqualTo((int)meeting["version"]!));
        Assert.That(read["organisations"]!.AsArray().Select(o => (string)o!["id"]!), Is.EqualTo(new[] { seed.TikTok.Id() }));
        Assert.That(await EngagementChanges(), Is.EqualTo(1));
    }

    [Test]
    public async Task An_update_that_makes_a_planned_meeting_held_is_checked_against_its_attendees()
    {
        var company = await Company("Unregistered Lobby Ltd", null);
        var planned = await Admin.CreateAsync(Route, Meeting(SeedDay, company, seed.Maglione) with
        {
            Status = "planned",
            UnregisteredOverride = new { reason = "Approved by the Secretariat-General." },
        });
        var absent = await (await Admin.PatchAsync(Route, planned, $$"""
            {"status": "held", "unregisteredOverride": null, "participants": [{"contactId": "{{seed.Maglione.Id()}}", "attended": false}]}
            """)).JsonAsync(HttpStatusCode.OK);
        Assert.That(absent["warnings"]!.AsArray(), Is.Empty, "a covered participant who did not attend did not meet them");

        await Refused(await Admin.PatchAsync(Route, absent, $$"""{"participants": [{"contactId": "{{seed.Maglione.Id()}}", "attended": true}]}"""));
    }

    [Test]
    public async Task Before_any_register_import_a_well_formed_code_counts_as_registered()
    {
        var meeting = await Admin.CreateAsync(Route, seed.Engagement());

        Assert.That(meeting["warnings"]!.AsArray(), Is.Empty);
        Assert.That((bool)meeting["organisations"]![0]!["registeredThatDay"]!, Is.True);
    }

    [Test]
    public async Task Once_a_register_is_imported_a_code_not_in_it_is_refused()
    {
        await Import("2021-01-01", RegisterXml.Entry(RegisterXml.Code(1), "Someone Else"));

        var problem = await Refused(await Admin.PostAsync(Route, seed.Engagement()));

        Assert.That((string)problem["organisationId"]!, Is.EqualTo(seed.TikTok.Id()));
        Assert.That((string)problem["detail"]!, Does.Contain(SeedMeeting.DemoRegisterId));
        await AssertNoEngagementWritten();
    }

    [Test]
    public async Task An_entry_counts_from_its_registration_date_in_the_engagements_time_zone()
    {
        await Import("2021-07-01", Entry(SeedMeeting.DemoRegisterId, "TikTok Technology Ltd", "2021-06-29"));

        await Refused(await Admin.PostAsync(Route, seed.Engagement()));
        await Refused(await Admin.PostAsync(Route, seed.Engagement() with { StartsAt = "2021-06-28T21:59:00+00:00", EndsAt = null }));

        var nextDay = await Admin.CreateAsync(Route, seed.Engagement() with { StartsAt = "2021-06-28T22:00:00+00:00", EndsAt = null });
        Assert.That((string)nextDay["localStartsAt"]!, Does.StartWith("2021-06-29"));
        Assert.That((bool)nextDay["organisations"]![0]!["registeredThatDay"]!, Is.True);
    }

    [Test]
    public async Task A_delisted_entry_counts_until_the_day_it_left_the_register()
    {
        var other = RegisterXml.Entry(RegisterXml.Code(1), "Someone Else");
        await Import("2021-01-01", RegisterXml.Entry(SeedMeeting.DemoRegisterId, "TikTok Technology Ltd"), other);
        await Import("2021-07-01", other);

        var before = await Admin.CreateAsync(Route, seed.Engagement() with { StartsAt = "2021-06-30T10:00:00+02:00", EndsAt = null });
        Assert.That((bool)before["organisations"]![0]!["registeredThatDay"]!, Is.True);
        Assert.That(before["warnings"]!.AsArray(), Is.Empty);

        await Refused(await Admin.PostAsync(Route, seed.Engagement() with { StartsAt = "2021-07-01T10:00:00+02:00", EndsAt = null }));
        await Refused(await Admin.PostAsync(Route, seed.Engagement() with { StartsAt = "2021-07-02T10:00:00+02:00", EndsAt = null }));
        Assert.That(await EngagementChanges(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_cancelled_engagement_is_not_checked()
    {
        var company = await Company("Unregistered Lobby Ltd", null);

        var cancelled = await Admin.CreateAsync(Route, Meeting(SeedDay, company, seed.Maglione) with { Status = "cancelled" });

        Assert.That(cancelled["warnings"]!.AsArray(), Is.Empty);
        await Refused(await Admin.PatchAsync(Route, cancelled, """{"status": "planned"}"""));
    }

    [TestCase("staff")]
    [TestCase(null)]
    public async Task Staff_in_no_covered_function_may_meet_an_unregistered_company(string? function)
    {
        var company = await Company("Unregistered Lobby Ltd", null);
        var clerk = await Staff("Carl Clerk", function);

        var meeting = await Admin.CreateAsync(Route, Meeting("2025-06-02T10:00:00+02:00", company, clerk));

        Assert.That(meeting["warnings"]!.AsArray(), Is.Empty);
    }

    [TestCase("publicAuthority")]
    [TestCase("euInstitution")]
    [TestCase("thirdCountryAuthority")]
    [TestCase("internationalOrganisation")]
    [TestCase("politicalParty")]
    [TestCase("individual")]
    public async Task Organisations_that_are_not_interest_representatives_are_not_checked(string kind)
    {
        var organisation = await Admin.CreateOrganisationAsync(new NewOrganisation($"A {kind}") { Kind = kind });

        var meeting = await Admin.CreateAsync(Route, Meeting(SeedDay, organisation, seed.Maglione));

        Assert.That(meeting["warnings"]!.AsArray(), Is.Empty);
        Assert.That((bool)meeting["organisations"]![0]!["interestRepresentative"]!, Is.False);
    }

    [Test]
    public async Task A_company_overridden_as_no_interest_representative_is_not_checked()
    {
        var foundation = await Admin.CreateOrganisationAsync(new NewOrganisation("Grant-making Foundation")
        {
            InterestRepresentativeOverride = new { value = false, reason = "Acts only as a grant recipient here." },
        });

        var meeting = await Admin.CreateAsync(Route, Meeting(SeedDay, foundation, seed.Maglione));

        Assert.That(meeting["warnings"]!.AsArray(), Is.Empty);
        Assert.That((bool)meeting["organisations"]![0]!["interestRepresentative"]!, Is.False);

        var representative = await (await Admin.PatchAsync(foundation.Id(), """{"interestRepresentativeOverride": null}""", Requests.ETag(foundation)))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)representative["interestRepresentative"]!, Is.True);
        // The breach came from the organisation's change, not from this write: a correction is accepted, and shows it.
        var corrected = await (await Admin.PatchAsync(Route, meeting, """{"title": "Meeting with the foundation"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.That(corrected["warnings"]!.AsArray().Select(w => (string)w!["organisationId"]!), Is.EqualTo(new[] { foundation.Id() }));
        await Refused(await Admin.PatchAsync(Route, corrected, $$"""{"participants": [{"contactId": "{{seed.Maglione.Id()}}"}, {"contactId": "{{seed.Recipients[2].Id()}}"}]}"""));
    }

    [Test]
    public async Task An_override_accepts_the_meeting_with_warnings_and_its_history_keeps_the_reason()
    {
        var company = await Company("Unregistered Lobby Ltd", null);
        const string reason = "Registration pending; approved by the Secretariat-General.";

        var meeting = await Admin.CreateAsync(Route, Meeting(SeedDay, company, seed.Maglione) with
        {
            UnregisteredOverride = new { reason = $"  {reason} " },
        });

        Assert.That((string)meeting["unregisteredOverride"]!["reason"]!, Is.EqualTo(reason));
        var warning = meeting["warnings"]!.AsArray().Single()!;
        Assert.That((string)warning["code"]!, Is.EqualTo("unregisteredInterestRepresentative"));
        Assert.That((string)warning["organisationId"]!, Is.EqualTo(company.Id()));
        Assert.That((string)warning["contactId"]!, Is.EqualTo(seed.Maglione.Id()));
        Assert.That((string)warning["message"]!, Does.Contain("Unregistered Lobby Ltd").And.Contain("Monika Maglione"));
        Assert.That(JsonNode.DeepEquals(await Admin.ReadAsync(Route, meeting.Id()), meeting), Is.True);

        var history = await (await Admin.GetAsync($"{Route}/{meeting.Id()}/history")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)history["items"]!.AsArray().Single()!["after"]!["unregisteredOverride"]!["reason"]!, Is.EqualTo(reason));
    }

    [TestCase("""{"reason": "   "}""")]
    [TestCase("""{"reason": ""}""")]
    [TestCase("""{}""")]
    public async Task An_override_without_a_reason_is_a_400_naming_it(string unregisteredOverride)
    {
        var company = await Company("Unregistered Lobby Ltd", null);
        var body = RequestBody.Node(Meeting(SeedDay, company, seed.Maglione));
        body["unregisteredOverride"] = JsonNode.Parse(unregisteredOverride);

        await (await Admin.PostJsonAsync(Route, body.ToJsonString())).FieldErrorAsync("unregisteredOverride.reason");
        await AssertNoEngagementWritten();
    }

    [Test]
    public async Task An_override_reason_of_more_than_1000_characters_is_a_400()
    {
        var company = await Company("Unregistered Lobby Ltd", null);

        var response = await Admin.PostAsync(Route, Meeting(SeedDay, company, seed.Maglione) with { UnregisteredOverride = new { reason = new string('x', 1001) } });

        await response.FieldErrorAsync("unregisteredOverride.reason");
    }

    [TestCase("workshop")]
    [TestCase("conference")]
    [TestCase("correspondence")]
    [TestCase("other")]
    public async Task A_kind_that_is_not_a_meeting_is_not_checked(string kind)
    {
        var company = await Company("Unregistered Lobby Ltd", null);

        var letter = await Admin.CreateAsync(Route, Meeting(SeedDay, company, seed.Maglione) with { Kind = kind });

        Assert.That(letter["warnings"]!.AsArray(), Is.Empty);
    }

    [TestCase("""{"unregisteredOverride": null}""")]
    [TestCase("""{"clear": ["unregisteredOverride"]}""")]
    public async Task A_patch_that_clears_the_override_keeps_the_accepted_breach_in_warnings(string patch)
    {
        var company = await Company("Unregistered Lobby Ltd", null);
        var meeting = await Admin.CreateAsync(Route, Meeting(SeedDay, company, seed.Maglione) with
        {
            UnregisteredOverride = new { reason = "Approved by the Secretariat-General." },
        });

        var cleared = await (await Admin.PatchAsync(Route, meeting, patch)).JsonAsync(HttpStatusCode.OK);

        Assert.That(cleared["unregisteredOverride"], Is.Null);
        Assert.That(cleared["warnings"]!.AsArray().Select(w => (string)w!["organisationId"]!), Is.EqualTo(new[] { company.Id() }),
            "the breach was accepted when it was recorded: only the breaches a write adds are refused");
    }

    [Test]
    public async Task A_patch_that_adds_a_breach_to_an_overridden_meeting_is_accepted_but_one_to_a_plain_meeting_is_refused()
    {
        var registered = await Company("Registered Platform SA", "123456789012-34");
        var unregistered = await Company("Unregistered Lobby Ltd", null);
        var plain = await Admin.CreateAsync(Route, Meeting(SeedDay, registered, seed.Maglione));

        await Refused(await Admin.PatchAsync(Route, plain, $$"""{"organisationIds": ["{{registered.Id()}}", "{{unregistered.Id()}}"]}"""));
        var fixedTypo = await (await Admin.PatchAsync(Route, plain, """{"title": "Call with the platform"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.That(fixedTypo["warnings"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task The_organisations_met_say_whether_they_represent_interests_and_were_registered_that_day()
    {
        await Import("2021-01-01", RegisterXml.Entry(SeedMeeting.DemoRegisterId, "TikTok Technology Ltd"));
        var unlisted = await Company("Unlisted Lobby Ltd", RegisterXml.Code(7));
        var ministry = await Admin.CreateOrganisationAsync(new NewOrganisation("Ministry of the Interior") { Kind = "publicAuthority" });
        var engagement = seed.Engagement() with
        {
            OrganisationIds = [seed.TikTok.Id(), unlisted.Id(), ministry.Id()],
            UnregisteredOverride = new { reason = "Registration pending." },
        };

        var meeting = await Admin.CreateAsync(Route, engagement);

        (string Id, bool Representative, string? Code, bool Registered)[] expected =
        [
            (seed.TikTok.Id(), true, SeedMeeting.DemoRegisterId, true),
            (unlisted.Id(), true, RegisterXml.Code(7), false),
            (ministry.Id(), false, null, false),
        ];
        Assert.That(Organisations(meeting), Is.EqualTo(expected));
        Assert.That(Organisations(await Admin.ReadAsync(Route, meeting.Id())), Is.EqualTo(expected));
        Assert.That(Organisations((await Admin.ListAsync(Route)).Single()), Is.EqualTo(expected));
        Assert.That(meeting["warnings"]!.AsArray().Select(w => (string)w!["organisationId"]!), Is.EqualTo(new[] { unlisted.Id() }));
    }

    [Test]
    public async Task An_independent_batch_refuses_only_the_unregistered_meeting_with_a_422_item()
    {
        var company = await Company("Unregistered Lobby Ltd", null);
        var batch = new JsonObject
        {
            ["items"] = new JsonArray(RequestBody.Node(seed.Engagement()), RequestBody.Node(Meeting(SeedDay, company, seed.Maglione))),
        };

        var answer = await (await Admin.PostJsonAsync($"{Route}/batch?mode=independent", batch.ToJsonString())).JsonAsync(HttpStatusCode.OK);

        var items = answer["items"]!.AsArray();
        Assert.That(items.Select(i => (int)i!["status"]!), Is.EqualTo(new[] { 201, 422 }), answer.ToJsonString());
        Assert.That(items[1]!["errors"]!["items[1]"]!.ToJsonString(), Does.Contain("Unregistered Lobby Ltd"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM engagements"), Is.EqualTo(1));
        Assert.That(await EngagementChanges(), Is.EqualTo(1));

        var atomic = await Admin.PostJsonAsync($"{Route}/batch?mode=atomic", batch.ToJsonString());
        Assert.That(await atomic.FieldErrorAsync("items[1]"), Does.Contain("Unregistered Lobby Ltd"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM engagements"), Is.EqualTo(1), "an atomic batch writes none");
    }

    [Test]
    public async Task A_csv_export_imported_again_keeps_the_override()
    {
        var company = await Company("Unregistered Lobby Ltd", null);
        await Admin.CreateAsync(Route, Meeting(SeedDay, company, seed.Maglione) with { UnregisteredOverride = new { reason = "Registration pending." } });
        var csv = await Admin.GetStringAsync($"{Route}/export.csv");

        var import = await (await Admin.PostAsync($"{Route}/import.csv", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv")))
            .JsonAsync(HttpStatusCode.OK);

        Assert.That((int)import["succeeded"]!, Is.EqualTo(1), import.ToJsonString());
        var copies = await Admin.ListAsync(Route);
        Assert.That(copies, Has.Count.EqualTo(2));
        foreach (var copy in copies)
        {
            Assert.That((string)(await Admin.ReadAsync(Route, copy.Id()))["unregisteredOverride"]!["reason"]!, Is.EqualTo("Registration pending."));
        }
    }

    private static (string, bool, string?, bool)[] Organisations(JsonObject engagement) => engagement["organisations"]!.AsArray()
        .Select(o => ((string)o!["id"]!, (bool)o["interestRepresentative"]!, (string?)o["transparencyRegisterId"], (bool)o["registeredThatDay"]!))
        .ToArray();

    private Task<JsonObject> Company(string name, string? code)
        => Admin.CreateOrganisationAsync(new NewOrganisation(name) { TransparencyRegisterId = code });

    private Task<JsonObject> Staff(string name, string? function)
        => Admin.CreateAsync(Routes.Contacts, new NewContact(name)
        {
            Positions = [new NewPosition(seed.Home.Id()) { Title = "Official", From = "2020-01-01", Function = function }],
        });

    /// <summary>A held meeting of our participants with one organisation.</summary>
    private static NewEngagement Meeting(string startsAt, JsonObject organisation, params JsonObject[] participants) => new("Meeting", startsAt)
    {
        OrganisationIds = [organisation.Id()],
        Participants = participants.Select(p => new NewParticipant(p.Id())).ToList(),
    };

    /// <summary>A register entry registered on the day given.</summary>
    private static string Entry(string code, string name, string registeredOn)
        => RegisterXml.Entry(code, name, registeredOn: registeredOn);

    private async Task Import(string date, params string[] entries)
        => await (await Admin.ImportAsync(RegisterXml.File(date, entries))).JsonAsync(HttpStatusCode.OK);

    private static async Task<JsonObject> Refused(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That((string)problem["type"]!, Is.EqualTo(ProblemType), problem.ToJsonString());
        return problem;
    }

    private Task<long> EngagementChanges() => TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes WHERE entity_type = 'engagement'");

    private async Task AssertNoEngagementWritten()
    {
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM engagements"), Is.Zero);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM engagement_organisations"), Is.Zero);
        Assert.That(await EngagementChanges(), Is.Zero);
    }
}

/// <summary>Under the warn policy, the same meetings are accepted and the answer lists each breach.</summary>
public sealed class UnregisteredMeetingWarnPolicyTests(DatabaseProvider provider) : ApiTest(provider)
{
    private SeedMeeting seed = null!;

    protected override ApiHost CreateOwnHost(DatabaseProvider database)
        => new(database, settings: new Dictionary<string, string> { ["Publication:UnregisteredPolicy"] = "warn" });

    [SetUp]
    public async Task RecordPeople() => seed = await SeedMeeting.RecordPeopleAsync(Admin);

    [Test]
    public async Task A_meeting_with_an_unregistered_company_is_accepted_with_a_warning_per_covered_participant()
    {
        var company = await Admin.CreateOrganisationAsync(new NewOrganisation("Unregistered Lobby Ltd"));
        var engagement = seed.Engagement() with
        {
            OrganisationIds = [seed.TikTok.Id(), company.Id()],
            Participants = [new NewParticipant(seed.Maglione.Id()), new NewParticipant(seed.Muschel.Id()), new NewParticipant(seed.Greer.Id())],
        };

        var meeting = await Admin.CreateAsync(Routes.Engagements, engagement);

        var warnings = meeting["warnings"]!.AsArray().Select(w => ((string)w!["code"]!, (string)w["organisationId"]!, (string)w["contactId"]!));
        Assert.That(warnings, Is.EqualTo(new[] { ("unregisteredInterestRepresentative", company.Id(), seed.Maglione.Id()) }),
            "a director is not covered in 2021, and Greer is on the other side");
        Assert.That(meeting["unregisteredOverride"], Is.Null);
        Assert.That(JsonNode.DeepEquals(await Admin.ReadAsync(Routes.Engagements, meeting.Id()), meeting), Is.True);

        var in2025 = await (await Admin.PatchAsync(Routes.Engagements, meeting, """{"startsAt": "2025-06-02T10:00:00+02:00", "endsAt": null}"""))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(in2025["warnings"]!.AsArray().Select(w => (string)w!["contactId"]!), Is.EquivalentTo(new[] { seed.Maglione.Id(), seed.Muschel.Id() }),
            "from 2025 a director is covered too");
    }
}
