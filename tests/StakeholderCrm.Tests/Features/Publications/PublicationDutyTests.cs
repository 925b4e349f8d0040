using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Publications;

/// <summary>
/// The publication duty of an engagement as a client reads it (ADR 018): whether it must be published and why, its
/// deadline and status on a clock the tests move, and the editor's publication and exemption marks.
/// </summary>
public sealed class PublicationDutyTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Engagements;
    private const string RegisterId = "123456789012-34";
    private const string PublishedAt = "https://ec.europa.eu/transparencyinitiative/meetings/meeting.do?host=2f5f2bd1-1e2b-4c55-a9a0-4b4bfc1d8ba1";
    private const string SeedCall = "2021-06-28T10:00:00+02:00";

    // Noon in Brussels in January 2026: after every meeting held here, so 2021 and 2025 meetings that must be published are overdue.
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 11, 0, 0, TimeSpan.Zero);

    private readonly ManualClock clock = new();
    private JsonObject unit = null!;
    private JsonObject company = null!;

    protected override ApiHost CreateOwnHost(DatabaseProvider database) => new(database, services => services.AddSingleton<TimeProvider>(clock));

    [SetUp]
    public async Task RecordTheUnitAndTheCompany()
    {
        MoveClockTo(Now);
        unit = await Admin.CreateOrganisationAsync(NewOrganisation.OwnUnit("DG Communications Networks, Content and Technology") with { Aliases = ["CNECT"] });
        company = await Admin.CreateOrganisationAsync(new NewOrganisation("Acme Platforms SA") { TransparencyRegisterId = RegisterId });
    }

    // ---- Coverage by function and by date ----

    [TestCase("member", "a Member of the Commission", true, true)]
    [TestCase("cabinetMember", "a cabinet member", true, true)]
    [TestCase("directorGeneral", "a director general", true, true)]
    [TestCase("secretaryGeneral", "a secretary general", true, true)]
    [TestCase("headOfUnit", "a head of unit", false, true)]
    [TestCase("director", "a director", false, true)]
    [TestCase("deputyDirectorGeneral", "a deputy director general", false, true)]
    [TestCase("deputySecretaryGeneral", "a deputy secretary general", false, true)]
    [TestCase("staff", "a staff", false, false)]
    public async Task A_held_call_with_an_interest_representative_is_required_by_the_function_and_the_rules_of_its_date(
        string function, string inWords, bool in2021, bool in2025)
    {
        var official = await OfficialAsync(function);

        var before2014 = await Admin.CreateAsync(Route, Call("2014-11-28T10:00:00+01:00", company, official));
        var of2021 = await Admin.CreateAsync(Route, Call(SeedCall, company, official));
        var of2025 = await Admin.CreateAsync(Route, Call("2025-06-30T10:00:00+02:00", company, official));

        AssertDuty(before2014, required: false, "None of our participants held a function covered on 28 November 2014 by no rules on publishing meetings");
        Assert.That(Reasons(before2014), Does.Contain("Acme Platforms SA is an interest representative."));
        if (in2021) AssertDuty(of2021, required: true, $"Ada Official was {inWords} on 28 June 2021, covered by Decisions 2014/838 and 2014/839.");
        else AssertDuty(of2021, required: false, "None of our participants held a function covered on 28 June 2021 by Decisions 2014/838 and 2014/839.");
        if (in2025) AssertDuty(of2025, required: true, $"Ada Official was {inWords} on 30 June 2025, covered by Decisions (EU) 2024/3081 and 2024/3082.");
        else AssertDuty(of2025, required: false, "None of our participants held a function covered on 30 June 2025 by Decisions (EU) 2024/3081 and 2024/3082.");
        foreach (var required in new[] { of2021, of2025 }.Where(e => (bool)e["publication"]!["required"]!))
        {
            Assert.That(Reasons(required), Does.Contain("Acme Platforms SA is an interest representative."));
        }

        var expected = new[] { (of2021, in2021), (of2025, in2025) }.Where(e => e.Item2).Select(e => e.Item1.Id());
        Assert.That((await Admin.ListAsync(Routes.Publications)).Select(p => (string)p["engagementId"]!), Is.EquivalentTo(expected),
            "the list's SQL agrees with the engagement's duty");
    }

    [TestCase("2014-11-30T23:30:00+01:00", "member", false, TestName = "The 2014 rules start on 1 December 2014")]
    [TestCase("2014-12-01T00:30:00+01:00", "member", true, TestName = "A Member is covered from 1 December 2014, by the local date")]
    [TestCase("2024-12-31T23:30:00+01:00", "headOfUnit", false, TestName = "A head of unit is not covered on 31 December 2024")]
    [TestCase("2025-01-01T00:30:00+01:00", "headOfUnit", true, TestName = "A head of unit is covered from 1 January 2025, by the local date")]
    public async Task The_rules_change_on_the_meetings_local_date(string startsAt, string function, bool required)
    {
        var official = await OfficialAsync(function);

        var call = await Admin.CreateAsync(Route, Call(startsAt, company, official) with { TimeZone = "Europe/Brussels" });

        Assert.That((bool)call["publication"]!["required"]!, Is.EqualTo(required), string.Join("\n", Reasons(call)));
    }

    [Test]
    public async Task The_function_is_the_one_held_on_the_meetings_date()
    {
        var promoted = await Admin.CreateAsync(Routes.Contacts, new NewContact("Ada Official")
        {
            Positions =
            [
                new NewPosition(unit.Id()) { Title = "Head of Unit", From = "2015-01-01", To = "2021-12-31", Function = "headOfUnit" },
                new NewPosition(unit.Id()) { Title = "Director-General", From = "2022-01-01", Function = "directorGeneral" },
            ],
        });

        var asHead = await Admin.CreateAsync(Route, Call(SeedCall, company, promoted));
        var asDirectorGeneral = await Admin.CreateAsync(Route, Call("2022-03-01T10:00:00+01:00", company, promoted));

        AssertDuty(asHead, required: false, "None of our participants held a function covered on 28 June 2021");
        AssertDuty(asDirectorGeneral, required: true, "Ada Official was a director general on 1 March 2022, covered by Decisions 2014/838 and 2014/839.");
    }

    [Test]
    public async Task The_function_is_the_one_held_on_the_meetings_local_date_not_its_utc_date()
    {
        var promoted = await Admin.CreateAsync(Routes.Contacts, new NewContact("Ada Official")
        {
            Positions =
            [
                new NewPosition(unit.Id()) { Title = "Adviser", From = "2015-01-01", To = "2021-12-31", Function = "staff" },
                new NewPosition(unit.Id()) { Title = "Director-General", From = "2022-01-01", Function = "directorGeneral" },
            ],
        });

        // Half past midnight on 1 January 2022 in Brussels, still 31 December 2021 in UTC.
        var call = await Admin.CreateAsync(Route, Call("2022-01-01T00:30:00+01:00", company, promoted) with { TimeZone = "Europe/Brussels" });

        Assert.That((string?)call["participants"]![0]!["function"], Is.EqualTo("directorGeneral"));
        AssertDuty(call, required: true, "Ada Official was a director general on 1 January 2022, covered by Decisions 2014/838 and 2014/839.");
    }

    [Test]
    public async Task A_function_taken_up_after_the_meeting_does_not_cover_it()
    {
        var later = await Admin.CreateAsync(Routes.Contacts, new NewContact("Ada Official")
        {
            Positions = [new NewPosition(unit.Id()) { Title = "Director-General", From = "2022-01-01", Function = "directorGeneral" }],
        });

        var call = await Admin.CreateAsync(Route, Call(SeedCall, company) with { Participants = [new NewParticipant(later.Id()) { Side = "internal" }] });

        Assert.That((string?)call["participants"]![0]!["function"], Is.Null);
        AssertDuty(call, required: false, "None of our participants held a function covered on 28 June 2021");
    }

    // ---- Not a meeting to publish ----

    [TestCase("euInstitution")]
    [TestCase("publicAuthority")]
    [TestCase("thirdCountryAuthority")]
    [TestCase("internationalOrganisation")]
    [TestCase("politicalParty")]
    [TestCase("individual")]
    public async Task A_meeting_with_no_interest_representative_is_not_required_unless_an_override_makes_the_kind_count(string kind)
    {
        var official = await OfficialAsync("member");
        var other = await Admin.CreateOrganisationAsync(new NewOrganisation($"The {kind}") { Kind = kind });

        var call = await Admin.CreateAsync(Route, Call(SeedCall, other, official));

        Assert.That((bool)call["organisations"]![0]!["interestRepresentative"]!, Is.False);
        AssertDuty(call, required: false, $"No organisation met is an interest representative: The {kind}.");
        Assert.That(Reasons(call), Does.Contain("Ada Official was a Member of the Commission on 28 June 2021, covered by Decisions 2014/838 and 2014/839."));

        var counted = await Admin.CreateOrganisationAsync(new NewOrganisation($"The counted {kind}")
        {
            Kind = kind, TransparencyRegisterId = "210987654321-09", InterestRepresentativeOverride = new { value = true, reason = "Lobbies us on its members' behalf." },
        });
        var overridden = await Admin.CreateAsync(Route, Call(SeedCall, counted, official));

        Assert.That((bool)overridden["organisations"]![0]!["interestRepresentative"]!, Is.True);
        AssertDuty(overridden, required: true, $"The counted {kind} is an interest representative.");
    }

    [TestCase("meeting", true)]
    [TestCase("call", true)]
    [TestCase("videoConference", true)]
    [TestCase("visit", true)]
    [TestCase("workshop", false)]
    [TestCase("conference", false)]
    [TestCase("correspondence", false)]
    [TestCase("other", false)]
    public async Task Only_meetings_calls_video_conferences_and_visits_are_published(string kind, bool required)
    {
        var official = await OfficialAsync("member");

        var engagement = await Admin.CreateAsync(Route, Call(SeedCall, company, official) with { Kind = kind });

        if (required) AssertDuty(engagement, required: true, "Acme Platforms SA is an interest representative.");
        else AssertDuty(engagement, required: false, "is not a meeting, call, video conference or visit.");
    }

    [TestCase("planned")]
    [TestCase("cancelled")]
    public async Task An_engagement_not_held_is_not_required(string status)
    {
        var official = await OfficialAsync("member");

        var engagement = await Admin.CreateAsync(Route, Call("2026-02-02T10:00:00+01:00", company, official) with { Status = status });

        AssertDuty(engagement, required: false, $"It is {status}, not held.");
        Assert.That(await Admin.ListAsync(Routes.Publications), Is.Empty);
    }

    [Test]
    public async Task A_covered_participant_who_did_not_attend_does_not_make_it_required()
    {
        var member = await OfficialAsync("member");
        var staff = await OfficialAsync("staff", "Bo Staff");

        var call = await Admin.CreateAsync(Route, Call(SeedCall, company) with
        {
            Participants = [new NewParticipant(member.Id()) { Attended = false }, new NewParticipant(staff.Id())],
        });

        AssertDuty(call, required: false, "None of our participants held a function covered on 28 June 2021 by Decisions 2014/838 and 2014/839.");
        Assert.That(Reasons(call), Has.None.Contains("Ada Official"));
        Assert.That(await Admin.ListAsync(Routes.Publications), Is.Empty);

        var attended = await (await Admin.PatchAsync(Route, call,
            $$"""{"participants": [{"contactId": "{{member.Id()}}", "attended": true}, {"contactId": "{{staff.Id()}}"}]}""")).JsonAsync(HttpStatusCode.OK);
        AssertDuty(attended, required: true, "Ada Official was a Member of the Commission on 28 June 2021");
    }

    // ---- Exemptions ----

    [TestCase("spontaneousEncounter", "spontaneous encounter")]
    [TestCase("legalOrAdministrativeProcedure", "legal or administrative procedure")]
    [TestCase("contractOrGrant", "contract or grant")]
    [TestCase("socialDialogue", "social dialogue")]
    [TestCase("personalCapacity", "personal capacity")]
    public async Task An_exemption_makes_it_not_required_with_its_reason_in_the_history_until_lifted(string ground, string inWords)
    {
        var call = await RequiredCallAsync();
        const string reason = "Met by chance at a reception; nothing discussed beyond greetings.";

        var response = await Admin.ExemptAsync(call, new { ground, reason });
        var exempt = await response.JsonAsync(HttpStatusCode.OK);

        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        AssertDuty(exempt, required: false, $"Exempt as {inWords}: {reason}");
        Assert.That((string)exempt["publication"]!["status"]!, Is.EqualTo("notRequired"));
        Assert.That((string)exempt["publication"]!["exemption"]!["ground"]!, Is.EqualTo(ground));
        Assert.That((string)exempt["publication"]!["exemption"]!["reason"]!, Is.EqualTo(reason));
        Assert.That(JsonNode.DeepEquals(await Admin.ReadAsync(Route, call.Id()), exempt), Is.True);
        Assert.That(await Admin.ListAsync(Routes.Publications), Is.Empty);

        var again = await Admin.ExemptAsync(exempt, new { ground, reason });
        Assert.That((int)(await again.JsonAsync(HttpStatusCode.OK))["version"]!, Is.EqualTo(2), "the same exemption again is no new version");

        var lifted = await (await Admin.ExemptAsync(exempt, null)).JsonAsync(HttpStatusCode.OK);
        AssertDuty(lifted, required: true, "Acme Platforms SA is an interest representative.");
        Assert.That((string)lifted["publication"]!["status"]!, Is.EqualTo("overdue"));
        Assert.That(lifted["publication"]!["exemption"], Is.Null);
        Assert.That(Reasons(lifted), Has.None.StartsWith("Exempt"));

        var history = await HistoryAsync(call);
        Assert.That(history.Select(h => (string?)h["publication"]!["exemption"]?["ground"]), Is.EqualTo(new[] { null, ground, null }));
        Assert.That((string)history[1]["publication"]!["exemption"]!["reason"]!, Is.EqualTo(reason));
    }

    [TestCase("{}", "ground")]
    [TestCase("""{"reason": "Met by chance."}""", "ground")]
    [TestCase("""{"ground": "lunch", "reason": "Met by chance."}""", "ground")]
    [TestCase("""{"ground": "contractOrGrant"}""", "reason")]
    [TestCase("""{"ground": "contractOrGrant", "reason": "   "}""", "reason")]
    [TestCase("""{"ground": "contractOrGrant", "reason": "TOO_LONG"}""", "reason")]
    public async Task Refuses_an_exemption_without_a_ground_or_a_reason_naming_the_field(string json, string field)
    {
        var call = await RequiredCallAsync();

        var response = await Admin.SendAsync(HttpMethod.Post, $"{Route}/{call.Id()}/publication/exemption", Requests.ETag(call),
            Requests.Json(json.Replace("TOO_LONG", new string('x', 1001))));

        await response.FieldErrorAsync(field);
        Assert.That((int)(await Admin.ReadAsync(Route, call.Id()))["version"]!, Is.EqualTo(1));
    }

    [TestCase("POST", "publication", """{"publishedOn": "2021-07-09"}""")]
    [TestCase("DELETE", "publication", """{"publishedOn": "2021-07-09"}""")]
    [TestCase("POST", "publication/exemption", """{"ground": "socialDialogue", "reason": "A meeting of the social partners."}""")]
    [TestCase("DELETE", "publication/exemption", """{"ground": "socialDialogue", "reason": "A meeting of the social partners."}""")]
    public async Task A_mark_needs_the_current_version_as_if_match(string method, string path, string mark)
    {
        var call = await RequiredCallAsync();
        var uri = $"{Route}/{call.Id()}/{path}";
        if (method == "DELETE")
        {
            // A mark to withdraw: withdrawing nothing is the state already reached, which answers 200 whatever the If-Match.
            call = await (await Admin.SendAsync(HttpMethod.Post, uri, Requests.ETag(call), Requests.Json(mark))).JsonAsync(HttpStatusCode.OK);
        }
        HttpContent? Body() => method == "DELETE" ? null : Requests.Json(mark);
        var version = (int)call["version"]!;

        await (await Admin.SendAsync(new HttpMethod(method), uri, null, Body())).ProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await Admin.SendAsync(new HttpMethod(method), uri, "\"7\"", Body())).ProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.That((int)(await Admin.ReadAsync(Route, call.Id()))["version"]!, Is.EqualTo(version));
        Assert.That(await HistoryAsync(call), Has.Count.EqualTo(version));
    }

    [TestCase("publication", """{"publishedOn": "2021-07-09", "url": "https://ec.europa.eu/meetings/1"}""")]
    [TestCase("publication/exemption", """{"ground": "spontaneousEncounter", "reason": "Met at a reception."}""")]
    public async Task A_retried_mark_whose_answer_was_lost_answers_200_without_a_new_version(string path, string mark)
    {
        var call = await RequiredCallAsync();
        var uri = $"{Route}/{call.Id()}/{path}";
        var first = await (await Admin.SendAsync(HttpMethod.Post, uri, Requests.ETag(call), Requests.Json(mark))).JsonAsync(HttpStatusCode.OK);

        var retry = await (await Admin.SendAsync(HttpMethod.Post, uri, Requests.ETag(call), Requests.Json(mark))).JsonAsync(HttpStatusCode.OK);

        Assert.That(((int)first["version"]!, (int)retry["version"]!), Is.EqualTo((2, 2)));
        Assert.That(await HistoryAsync(call), Has.Count.EqualTo(2));
    }

    // ---- Deadline and overdue ----

    [TestCase(SeedCall, null, "2021-07-12", TestName = "The seed call's deadline is 12 July 2021")]
    [TestCase("2021-06-28T23:30:00+02:00", "Europe/Brussels", "2021-07-12", TestName = "Half past eleven in Brussels is still 28 June")]
    [TestCase("2021-06-28T23:30:00+02:00", "Asia/Tokyo", "2021-07-13", TestName = "The same instant in Tokyo is 29 June")]
    [TestCase("2021-06-29T00:30:00+02:00", "Europe/Brussels", "2021-07-13", TestName = "Half past midnight in Brussels is 29 June")]
    [TestCase("2021-06-29T00:30:00+02:00", "America/New_York", "2021-07-12", TestName = "The same instant in New York is 28 June")]
    public async Task The_deadline_is_the_local_meeting_date_plus_14_days(string startsAt, string? zone, string deadline)
    {
        var official = await OfficialAsync("member");

        var call = await Admin.CreateAsync(Route, Call(startsAt, company, official) with { TimeZone = zone });

        Assert.That((string)call["publication"]!["deadline"]!, Is.EqualTo(deadline));
        var item = (await Admin.ListAsync(Routes.Publications)).Single();
        Assert.That(DateOnly.Parse((string)item["meetingDate"]!).AddDays(14), Is.EqualTo(DateOnly.Parse(deadline)));
        Assert.That((string)item["publication"]!["deadline"]!, Is.EqualTo(deadline));
    }

    [Test]
    public async Task Pending_until_the_deadline_day_ends_in_the_units_zone_then_overdue()
    {
        var official = await OfficialAsync("member");
        // 04:00 in New York on 28 June: the deadline is 12 July wherever the meeting was; the day it is now is Brussels'.
        var inNewYork = await Admin.CreateAsync(Route, Call(SeedCall, company, official) with { TimeZone = "America/New_York" });
        var inBrussels = await Admin.CreateAsync(Route, Call(SeedCall, company, official) with { Title = "Call in Brussels" });

        MoveClockTo(new DateTimeOffset(2021, 6, 28, 12, 0, 0, TimeSpan.Zero));
        await AssertStatusAsync("pending", inNewYork, inBrussels);

        MoveClockTo(new DateTimeOffset(2021, 7, 12, 21, 59, 59, TimeSpan.Zero)); // 23:59:59 on 12 July in Brussels
        await AssertStatusAsync("pending", inNewYork, inBrussels);

        MoveClockTo(new DateTimeOffset(2021, 7, 12, 22, 0, 0, TimeSpan.Zero)); // midnight in Brussels, still 12 July in UTC and New York
        await AssertStatusAsync("overdue", inNewYork, inBrussels);
    }

    // ---- Publication marks ----

    [Test]
    public async Task A_publication_mark_makes_it_published_and_each_mark_stays_in_the_history()
    {
        var call = await RequiredCallAsync();

        var response = await Admin.PublishAsync(call, new { publishedOn = "2021-07-09", url = PublishedAt });
        var published = await response.JsonAsync(HttpStatusCode.OK);

        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        var publication = published["publication"]!;
        Assert.That((string)publication["status"]!, Is.EqualTo("published"));
        Assert.That((bool)publication["required"]!, Is.True);
        Assert.That((string)publication["publishedOn"]!, Is.EqualTo("2021-07-09"));
        Assert.That((string)publication["url"]!, Is.EqualTo(PublishedAt));
        Assert.That(JsonNode.DeepEquals(await Admin.ReadAsync(Route, call.Id()), published), Is.True);
        Assert.That((await Admin.ListAsync(Routes.Publications, "status=published")).Select(p => (string)p["engagementId"]!), Is.EqualTo(new[] { call.Id() }));
        Assert.That(await Admin.ListAsync(Routes.Publications, "status=overdue"), Is.Empty);

        var again = await Admin.PublishAsync(published, new { publishedOn = "2021-07-09", url = PublishedAt });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.Headers.ETag?.Tag, Is.EqualTo("\"2\""), "the same mark again is no new version");

        var corrected = await (await Admin.PublishAsync(published, new { publishedOn = "2021-07-10" })).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)corrected["version"]!, Is.EqualTo(3));
        Assert.That(corrected["publication"]!["url"], Is.Null);

        var withdrawn = await (await Admin.PublishAsync(corrected, null)).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)withdrawn["publication"]!["status"]!, Is.EqualTo("overdue"));
        Assert.That(withdrawn["publication"]!["publishedOn"], Is.Null);
        Assert.That(withdrawn["publication"]!["url"], Is.Null);

        var history = await HistoryAsync(call);
        Assert.That(history.Select(h => (string?)h["publication"]!["publishedOn"]), Is.EqualTo(new[] { null, "2021-07-09", "2021-07-10", null }));
        Assert.That((string)history[1]["publication"]!["url"]!, Is.EqualTo(PublishedAt));
    }

    [Test]
    public async Task Withdrawing_a_mark_before_the_deadline_makes_it_pending_again()
    {
        MoveClockTo(new DateTimeOffset(2021, 7, 1, 12, 0, 0, TimeSpan.Zero));
        var call = await RequiredCallAsync();

        var published = await (await Admin.PublishAsync(call, new { publishedOn = "2021-07-01", url = PublishedAt })).JsonAsync(HttpStatusCode.OK);
        var withdrawn = await (await Admin.PublishAsync(published, null)).JsonAsync(HttpStatusCode.OK);

        Assert.That((string)published["publication"]!["status"]!, Is.EqualTo("published"));
        Assert.That((string)withdrawn["publication"]!["status"]!, Is.EqualTo("pending"));
        Assert.That((int)withdrawn["version"]!, Is.EqualTo(3));
    }

    [Test]
    public async Task Published_on_is_not_before_the_local_meeting_date_nor_after_tomorrow()
    {
        var official = await OfficialAsync("member");
        // 22:30 UTC on 28 June, already 29 June in Brussels.
        var call = await Admin.CreateAsync(Route, Call("2021-06-29T00:30:00+02:00", company, official));

        Assert.That(await (await Admin.PublishAsync(call, new { publishedOn = "2021-06-28" })).FieldErrorAsync("publishedOn"), Does.Contain("2021-06-29"));
        await (await Admin.PublishAsync(call, new { publishedOn = "2026-01-17" })).FieldErrorAsync("publishedOn");
        await (await Admin.PublishAsync(call, new { url = PublishedAt })).FieldErrorAsync("publishedOn");
        Assert.That((int)(await Admin.ReadAsync(Route, call.Id()))["version"]!, Is.EqualTo(1));

        var onTheDay = await (await Admin.PublishAsync(call, new { publishedOn = "2021-06-29" })).JsonAsync(HttpStatusCode.OK);
        var tomorrow = await (await Admin.PublishAsync(onTheDay, new { publishedOn = "2026-01-16" })).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)tomorrow["publication"]!["publishedOn"]!, Is.EqualTo("2026-01-16"), "a day's grace for a publisher ahead of Brussels");
    }

    [TestCase("ftp://ec.europa.eu/meetings/1")]
    [TestCase("ec.europa.eu/meetings/1")]
    [TestCase("/meetings/1")]
    [TestCase("TOO_LONG")]
    public async Task Refuses_a_url_that_is_not_an_absolute_web_address_of_at_most_2000_characters(string url)
    {
        var call = await RequiredCallAsync();
        if (url == "TOO_LONG") url = "https://ec.europa.eu/" + new string('m', 2000 - "https://ec.europa.eu/".Length + 1);

        await (await Admin.PublishAsync(call, new { publishedOn = "2021-07-09", url })).FieldErrorAsync("url");

        Assert.That((int)(await Admin.ReadAsync(Route, call.Id()))["version"]!, Is.EqualTo(1));
    }

    [TestCase("planned")]
    [TestCase("cancelled")]
    public async Task Only_a_held_engagement_is_published(string status)
    {
        var official = await OfficialAsync("member");
        var engagement = await Admin.CreateAsync(Route, Call("2026-02-02T10:00:00+01:00", company, official) with { Status = status });

        var problem = await (await Admin.PublishAsync(engagement, new { publishedOn = "2026-01-15" })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.That((string)problem["detail"]!, Does.Contain(status));
        Assert.That((int)(await Admin.ReadAsync(Route, engagement.Id()))["version"]!, Is.EqualTo(1));
    }

    // ---- Helpers ----

    private void MoveClockTo(DateTimeOffset instant) => clock.Advance(instant - clock.GetUtcNow());

    private Task<JsonObject> OfficialAsync(string function, string name = "Ada Official")
        => Admin.CreateAsync(Routes.Contacts, new NewContact(name)
        {
            Positions = [new NewPosition(unit.Id()) { Title = "Official", From = "2010-01-01", Function = function }],
        });

    private static NewEngagement Call(string startsAt, JsonObject organisation, params JsonObject[] participants)
        => new("Call with Acme", startsAt)
        {
            Kind = "call", OrganisationIds = [organisation.Id()], Participants = participants.Select(p => new NewParticipant(p.Id())).ToList(),
        };

    /// <summary>The seed call's shape: a held call of 28 June 2021 between a Member and a registered company, required.</summary>
    private async Task<JsonObject> RequiredCallAsync()
    {
        var call = await Admin.CreateAsync(Route, Call(SeedCall, company, await OfficialAsync("member")));
        Assert.That((bool)call["publication"]!["required"]!, Is.True, string.Join("\n", Reasons(call)));
        return call;
    }

    private static List<string> Reasons(JsonObject engagement) => engagement["publication"]!["reasons"]!.AsArray().Select(r => (string)r!).ToList();

    private static void AssertDuty(JsonObject engagement, bool required, string reason)
    {
        var publication = engagement["publication"]!;
        var reasons = string.Join("\n", Reasons(engagement));
        Assert.That((bool)publication["required"]!, Is.EqualTo(required), reasons);
        if (!required) Assert.That((string)publication["status"]!, Is.EqualTo("notRequired"));
        Assert.That(Reasons(engagement), Has.Some.Contains(reason), reasons);
    }

    private async Task AssertStatusAsync(string status, params JsonObject[] engagements)
    {
        foreach (var engagement in engagements)
        {
            Assert.That((string)(await Admin.ReadAsync(Route, engagement.Id()))["publication"]!["status"]!, Is.EqualTo(status), (string)engagement["timeZone"]!);
        }
        Assert.That((await Admin.ListAsync(Routes.Publications, $"status={status}")).Select(p => (string)p["engagementId"]!),
            Is.EquivalentTo(engagements.Select(e => e.Id())), $"the list's {status}");
    }

    /// <summary>The engagement as each version left it, oldest first.</summary>
    private async Task<List<JsonObject>> HistoryAsync(JsonObject engagement)
    {
        var history = await (await Admin.GetAsync($"{Route}/{engagement.Id()}/history")).JsonAsync(HttpStatusCode.OK);
        return history["items"]!.AsArray().Select(h => h!["after"]!.AsObject()).ToList();
    }
}
