using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Publications;

public sealed class ListPublicationsTests(DatabaseProvider provider) : ApiTest(provider)
{
    // Noon in Brussels on 20 March 2025: a meeting before 6 March is overdue (its deadline has passed), one from 6 March on is pending.
    private static readonly DateTimeOffset Today = new(2025, 3, 20, 11, 0, 0, TimeSpan.Zero);

    private readonly ManualClock clock = new();
    private PublicationPeople people = null!;

    protected override ApiHost CreateOwnHost(DatabaseProvider database) => PublicationPeople.Host(database, clock);

    [SetUp]
    public async Task RecordPeople()
    {
        PublicationPeople.SetNow(clock, Today);
        people = await PublicationPeople.RecordAsync(Admin);
    }

    [Test]
    public async Task Lists_overdue_then_pending_then_published_each_by_meeting_date()
    {
        var pending = await people.MeetingAsync(Admin, "2025-03-10", "Pending, earlier");
        var overdue = await people.MeetingAsync(Admin, "2025-02-10", "Overdue, later");
        var published = await people.PublishedAsync(Admin, "2025-03-01", "Published, later", "2025-03-05");
        var pendingLater = await people.MeetingAsync(Admin, "2025-03-18", "Pending, later");
        var overdueEarlier = await people.MeetingAsync(Admin, "2025-01-15", "Overdue, earlier");
        var publishedEarlier = await people.PublishedAsync(Admin, "2024-06-03", "Published, earlier", "2024-06-10");

        var listed = await Admin.ListAsync(Routes.Publications);

        Assert.That(listed.Select(i => (string)i["title"]!), Is.EqualTo(new[]
        {
            "Overdue, earlier", "Overdue, later", "Pending, earlier", "Pending, later", "Published, earlier", "Published, later",
        }));
        Assert.That(listed.Select(i => (string)i["publication"]!["status"]!),
            Is.EqualTo(new[] { "overdue", "overdue", "pending", "pending", "published", "published" }));
        var first = listed[0];
        Assert.That(((string)first["engagementId"]!, (string)first["meetingDate"]!, (string)first["kind"]!, (int)first["version"]!),
            Is.EqualTo((overdueEarlier.Id(), "2025-01-15", "meeting", (int)overdueEarlier["version"]!)));
        Assert.That(first["coveredParticipants"]!.AsArray().Select(p => (string)p!["contactId"]!), Is.EqualTo(new[] { people.CabinetMember.Id() }));
        Assert.That(listed.Select(i => (string)i["engagementId"]!), Is.EquivalentTo(new[]
        {
            pending.Id(), overdue.Id(), published.Id(), pendingLater.Id(), overdueEarlier.Id(), publishedEarlier.Id(),
        }));
    }

    [Test]
    public async Task A_meeting_turns_overdue_the_day_after_its_deadline_in_the_units_time_zone()
    {
        await people.MeetingAsync(Admin, "2025-03-10", "Call of 10 March");

        // The deadline is 24 March: still pending late that evening in Brussels (22:30 UTC is 23:30 there)...
        PublicationPeople.SetNow(clock, new DateTimeOffset(2025, 3, 24, 22, 30, 0, TimeSpan.Zero));
        Assert.That(await StatusesAsync(), Is.EqualTo(new[] { "pending" }));
        Assert.That(await Admin.ListAsync(Routes.Publications, "status=pending"), Has.Count.EqualTo(1), "the SQL status agrees on the deadline day");
        Assert.That(await Admin.ListAsync(Routes.Publications, "status=overdue"), Is.Empty);

        // ...and overdue once it is 25 March in Brussels, although still 24 March in UTC.
        PublicationPeople.SetNow(clock, new DateTimeOffset(2025, 3, 24, 23, 30, 0, TimeSpan.Zero));
        Assert.That(await StatusesAsync(), Is.EqualTo(new[] { "overdue" }));
        Assert.That(await Admin.ListAsync(Routes.Publications, "status=pending"), Is.Empty);
    }

    [Test]
    public async Task The_status_filter_keeps_only_that_status()
    {
        var overdue = await people.MeetingAsync(Admin, "2025-02-10", "Overdue");
        var pending = await people.MeetingAsync(Admin, "2025-03-10", "Pending");
        var published = await people.PublishedAsync(Admin, "2025-01-20", "Published", "2025-01-30");

        Assert.That(await IdsAsync("status=overdue"), Is.EqualTo(new[] { overdue.Id() }));
        Assert.That(await IdsAsync("status=pending"), Is.EqualTo(new[] { pending.Id() }));
        Assert.That(await IdsAsync("status=published"), Is.EqualTo(new[] { published.Id() }));
    }

    [Test]
    public async Task From_and_to_keep_meetings_of_those_days_in_their_own_time_zone()
    {
        await people.MeetingAsync(Admin, "2025-01-31", "Before");
        var first = await people.MeetingAsync(Admin, "2025-02-01", "First day");
        var last = await people.PublishedAsync(Admin, "2025-02-28", "Last day", "2025-03-01");
        var after = await people.MeetingAsync(Admin, "2025-03-01", "After");
        // 23:30 UTC on 28 February is 1 March in Brussels: out of range although its UTC day is in it.
        var afterInBrussels = await Admin.CreateAsync(Routes.Engagements,
            people.Meeting("2025-02-28", "After, by its own zone") with { StartsAt = "2025-02-28T23:30:00Z" });
        // 1 March 01:00 in Brussels is still 28 February in New York: in range.
        var newYork = await Admin.CreateAsync(Routes.Engagements,
            people.Meeting("2025-03-01", "Last day in New York") with { StartsAt = "2025-03-01T01:00:00+01:00", TimeZone = "America/New_York" });

        Assert.That(await IdsAsync("from=2025-02-01&to=2025-02-28"), Is.EquivalentTo(new[] { first.Id(), last.Id(), newYork.Id() }));
        Assert.That(await IdsAsync("from=2025-02-28&to=2025-02-28"), Is.EquivalentTo(new[] { last.Id(), newYork.Id() }));
        Assert.That(await IdsAsync("to=2025-01-31"), Has.Count.EqualTo(1));
        Assert.That(await IdsAsync("from=2025-03-01"), Is.EquivalentTo(new[] { after.Id(), afterInBrussels.Id() }));
        Assert.That(await IdsAsync("from=2025-02-01&to=2025-02-28&status=published"), Is.EqualTo(new[] { last.Id() }));
    }

    [Test]
    public async Task To_before_from_is_a_400_naming_to()
        => await (await Admin.GetAsync($"{Routes.Publications}?from=2025-03-01&to=2025-02-28")).FieldErrorAsync("to");

    [Test]
    public async Task Engagements_not_required_to_be_published_are_never_listed()
    {
        var listed = await people.MeetingAsync(Admin, "2025-02-10", "Required");
        var notRequired = new[]
        {
            people.Meeting("2025-02-10", "A conference") with { Kind = "conference" },
            people.Meeting("2025-02-10", "Planned") with { Status = "planned" },
            people.Meeting("2025-02-10", "Cancelled") with { Status = "cancelled" },
            people.Meeting("2025-02-10", "Staff only") with { Participants = [new NewParticipant(people.Staff.Id())] },
            people.Meeting("2025-02-10", "Absent") with { Participants = [new NewParticipant(people.CabinetMember.Id()) { Attended = false }] },
            people.Meeting("2025-02-10", "A public authority") with { OrganisationIds = [people.Ministry.Id()] },
            people.Meeting("2025-02-10", "Overridden to not representative") with { OrganisationIds = [people.GrantHolder.Id()] },
            people.Meeting("2014-11-28", "Before the 2014 rules"),
            people.Meeting("2024-12-20", "A director under the 2014 rules") with { Participants = [new NewParticipant(people.Director.Id())] },
        };
        foreach (var engagement in notRequired)
        {
            var created = await Admin.CreateAsync(Routes.Engagements, engagement);
            Assert.That((string)created["publication"]!["status"]!, Is.EqualTo("notRequired"), engagement.Title);
        }
        var exempt = await people.MeetingAsync(Admin, "2025-02-11", "Exempt");
        (await Admin.ExemptAsync(exempt, new { ground = "spontaneousEncounter", reason = "Met by chance at a reception." })).EnsureSuccessStatusCode();

        Assert.That(await IdsAsync(""), Is.EqualTo(new[] { listed.Id() }));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM engagements"), Is.EqualTo(notRequired.Length + 2));
    }

    [Test]
    public async Task A_meeting_published_without_being_required_is_listed_as_published()
    {
        var exempt = await people.MeetingAsync(Admin, "2025-02-11", "Exempt but published all the same");
        exempt = await (await Admin.ExemptAsync(exempt, new { ground = "contractOrGrant", reason = "Grant agreement meeting." })).JsonAsync(HttpStatusCode.OK);
        (await Admin.PublishAsync(exempt, new { publishedOn = "2025-02-20" })).EnsureSuccessStatusCode();

        var listed = await Admin.ListAsync(Routes.Publications);
        Assert.That(listed.Select(i => ((string)i["engagementId"]!, (string)i["publication"]!["status"]!)),
            Is.EqualTo(new[] { (exempt.Id(), "published") }));
    }

    [Test]
    public async Task A_participants_function_is_the_one_held_on_the_meetings_own_date()
    {
        // Half past midnight on 1 January 2023 in Brussels is still 31 December 2022 in UTC: that day they were a head of
        // unit (not covered by the 2014 rules), on the meeting's own date a Director-General (covered).
        var meeting = await Admin.CreateAsync(Routes.Engagements, people.Meeting("2023-01-01", "New Year's call") with
        {
            StartsAt = "2023-01-01T00:30:00+01:00",
            Participants = [new NewParticipant(people.Promoted.Id()), new NewParticipant(people.Lobbyist.Id())],
        });

        Assert.That((string?)meeting["participants"]![0]!["function"], Is.EqualTo("directorGeneral"));
        Assert.That((string)meeting["publication"]!["status"]!, Is.EqualTo("overdue"));
        Assert.That(await IdsAsync(""), Is.EqualTo(new[] { meeting.Id() }));
    }

    [Test]
    public async Task An_archived_engagement_is_not_listed()
    {
        var kept = await people.MeetingAsync(Admin, "2025-02-10", "Kept");
        var archived = await people.MeetingAsync(Admin, "2025-02-11", "Archived");
        var archivedPublished = await people.PublishedAsync(Admin, "2025-02-12", "Archived after publishing", "2025-02-14");
        (await Admin.ArchiveAsync(Routes.Engagements, archived)).EnsureSuccessStatusCode();
        (await Admin.ArchiveAsync(Routes.Engagements, archivedPublished)).EnsureSuccessStatusCode();

        Assert.That(await IdsAsync(""), Is.EqualTo(new[] { kept.Id() }));
    }

    [TestCase(1)]
    [TestCase(2)]
    public async Task Keyset_pages_return_each_meeting_once_in_the_same_order(int limit)
    {
        // Two statuses per day and several meetings on one day, so that the rank, the date and the id all decide.
        foreach (var day in new[] { "2025-02-10", "2025-02-10", "2025-03-10", "2025-01-05", "2025-03-10", "2025-03-10" })
        {
            await people.MeetingAsync(Admin, day, $"Meeting of {day}");
        }
        await people.PublishedAsync(Admin, "2025-02-10", "Published A", "2025-02-11");
        await people.PublishedAsync(Admin, "2025-02-10", "Published B", "2025-02-12");
        await people.PublishedAsync(Admin, "2025-01-05", "Published C", "2025-01-06");
        var whole = await IdsAsync("");
        Assert.That(whole, Has.Count.EqualTo(9));

        var paged = await PublicationPeople.AllPagesAsync(Admin, Routes.Publications, limit);

        Assert.That(paged.Select(i => (string)i["engagementId"]!), Is.EqualTo(whole));
        var filtered = await PublicationPeople.AllPagesAsync(Admin, Routes.Publications, limit, "status=pending&");
        Assert.That(filtered.Select(i => (string)i["engagementId"]!), Is.EqualTo(await IdsAsync("status=pending")));
        Assert.That(filtered, Has.Count.EqualTo(3));
    }

    [TestCase("cursor=not-a-cursor", "cursor")]
    [TestCase("cursor=eyJTb3J0IjoidXBkYXRlZEF0In0", "cursor")]
    [TestCase("status=lunch", "status")]
    [TestCase("status=notRequired", "status")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=201", "limit")]
    [TestCase("from=28/02/2025", "from")]
    public async Task A_bad_query_is_a_400_naming_the_field(string query, string field)
        => await (await Admin.GetAsync($"{Routes.Publications}?{query}")).FieldErrorAsync(field);

    [Test]
    public async Task A_cursor_of_another_list_or_altered_is_a_400_naming_cursor()
    {
        await people.MeetingAsync(Admin, "2025-02-10", "One");
        await people.MeetingAsync(Admin, "2025-02-11", "Two");
        var engagements = await (await Admin.GetAsync($"{Routes.Engagements}?limit=1")).JsonAsync(HttpStatusCode.OK);
        await (await Admin.GetAsync($"{Routes.Publications}?cursor={engagements["nextCursor"]}")).FieldErrorAsync("cursor");

        // A cursor of this list whose value is not rank|date.
        var altered = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"Sort":"publications","Value":"soon","Id":"{{Guid.NewGuid()}}"}"""));
        await (await Admin.GetAsync($"{Routes.Publications}?cursor={altered}")).FieldErrorAsync("cursor");
    }

    /// <summary>
    /// The list decides in SQL (<c>PublicationConditions</c>) what each engagement decides in C# (<c>PublicationDuty</c>):
    /// over engagements of every kind, status, date across both sets of rules, time zone, function, attendance,
    /// organisation kind and override, exemption and publication mark, the two must name the same meetings.
    /// </summary>
    [TestCase(20)]
    [TestCase(2025)]
    public async Task The_list_holds_exactly_the_engagements_whose_own_publication_is_required_or_published(int seed)
    {
        var today = new DateOnly(2026, 9, 1);
        PublicationPeople.SetNow(clock, new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero));
        var internals = new List<JsonObject>(people.ByFunction.Values) { people.Unnamed, people.Promoted };
        var organisations = people.Organisations;
        var kinds = new[] { "meeting", "call", "videoConference", "visit", "workshop", "conference", "correspondence", "other" };
        var zones = new string?[] { null, "Europe/Brussels", "America/New_York", "Pacific/Auckland", "Asia/Tokyo" };
        // Instants either side of midnight on the days the rules changed, where the meeting's zone decides its date.
        var edges = new[]
        {
            "2014-11-30T11:30:00Z", "2014-11-30T23:30:00Z", "2014-12-01T04:30:00Z", "2024-12-31T11:30:00Z", "2024-12-31T23:30:00Z",
            "2025-01-01T04:30:00Z", "2022-12-31T23:30:00Z", "2023-01-01T04:30:00Z",
        };
        var random = new Random(seed);
        var first = new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero);
        T Pick<T>(IReadOnlyList<T> from) => from[random.Next(from.Count)];

        var ids = new List<string>();
        for (var n = 0; n < 60; n++)
        {
            var status = random.Next(10) switch { < 7 => "held", < 9 => "planned", _ => "cancelled" };
            var startsAt = random.Next(4) switch
            {
                0 => DateTimeOffset.Parse(Pick(edges), System.Globalization.CultureInfo.InvariantCulture),
                // The last weeks before today, where a required meeting is still pending.
                1 => new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero).AddHours(random.Next(31 * 24)),
                _ => first.AddHours(random.Next((int)(new DateTimeOffset(2026, 8, 31, 0, 0, 0, TimeSpan.Zero) - first).TotalHours)),
            };
            var participants = internals.OrderBy(_ => random.Next()).Take(random.Next(1, 4))
                .Select(c => new NewParticipant(c.Id()) { Attended = status == "held" ? Pick(new bool?[] { true, true, false, null }) : null })
                .Append(new NewParticipant(people.Lobbyist.Id()))
                .ToList();
            var body = new NewEngagement($"Engagement {n}", startsAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))
            {
                Kind = random.Next(3) == 0 ? Pick(kinds) : Pick(kinds[..4]),
                Status = status,
                TimeZone = Pick(zones),
                OrganisationIds = organisations.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(o => o.Id()).ToList(),
                Participants = participants,
            };
            var engagement = await Admin.CreateAsync(Routes.Engagements, body);
            if (status == "held" && random.Next(6) == 0)
            {
                engagement = await (await Admin.ExemptAsync(engagement, new { ground = "socialDialogue", reason = "Social partners." }))
                    .JsonAsync(HttpStatusCode.OK);
            }
            if (status == "held" && random.Next(4) == 0)
            {
                var meetingDate = DateOnly.Parse((string)engagement["publication"]!["deadline"]!, System.Globalization.CultureInfo.InvariantCulture)
                    .AddDays(-14);
                var publishedOn = meetingDate.AddDays(random.Next(30));
                if (publishedOn > today) publishedOn = today;
                (await Admin.PublishAsync(engagement, new { publishedOn = publishedOn.ToString("yyyy-MM-dd") })).EnsureSuccessStatusCode();
            }
            ids.Add(engagement.Id());
        }

        var statuses = new Dictionary<string, string>();
        foreach (var id in ids) statuses[id] = (string)(await Admin.ReadAsync(Routes.Engagements, id))["publication"]!["status"]!;
        Assert.That(statuses.Values.Distinct(), Is.EquivalentTo(new[] { "overdue", "pending", "published", "notRequired" }),
            "the generated engagements cover every status");

        var listed = await PublicationPeople.AllPagesAsync(Admin, Routes.Publications, 7);
        var expected = statuses.Where(s => s.Value != "notRequired").Select(s => s.Key).ToList();
        Assert.That(listed.Select(i => (string)i["engagementId"]!), Is.EquivalentTo(expected));
        Assert.That(listed.Select(i => (string)i["engagementId"]!), Is.Unique);
        foreach (var item in listed)
        {
            var id = (string)item["engagementId"]!;
            Assert.That((string)item["publication"]!["status"]!, Is.EqualTo(statuses[id]), $"engagement {id}");
        }
        var order = new[] { "overdue", "pending", "published" };
        Assert.That(listed.Select(i => (Array.IndexOf(order, (string)i["publication"]!["status"]!), (string)i["meetingDate"]!)), Is.Ordered,
            "the SQL rank agrees with each item's status");
        foreach (var status in order)
        {
            Assert.That(await IdsAsync($"status={status}&limit=200"), Is.EquivalentTo(statuses.Where(s => s.Value == status).Select(s => s.Key)), status);
        }
    }

    private async Task<List<string>> IdsAsync(string query)
        => (await Admin.ListAsync(Routes.Publications, query)).Select(i => (string)i["engagementId"]!).ToList();

    private async Task<List<string>> StatusesAsync()
        => (await Admin.ListAsync(Routes.Publications)).Select(i => (string)i["publication"]!["status"]!).ToList();
}

/// <summary>
/// Our cabinet and DG, their staff in each function, and organisations of each kind that matter to the rules: what the
/// publication tests meet. Meetings default to a held meeting of our cabinet member with a registered company.
/// </summary>
internal sealed class PublicationPeople
{
    public const string CompanyCode = "123456789012-34";
    public const string NgoCode = "987654321098-76";

    public required JsonObject Cabinet { get; init; }
    public required JsonObject Dg { get; init; }
    public required JsonObject Company { get; init; }
    public required JsonObject Ngo { get; init; }
    public required JsonObject Ministry { get; init; }
    public required JsonObject GrantHolder { get; init; }
    public required JsonObject Broadcaster { get; init; }
    public required IReadOnlyList<JsonObject> Organisations { get; init; }
    public required JsonObject Member { get; init; }
    public required JsonObject CabinetMember { get; init; }
    public required JsonObject Director { get; init; }
    public required JsonObject HeadOfUnit { get; init; }
    public required JsonObject Staff { get; init; }
    public required JsonObject Unnamed { get; init; }
    public required JsonObject Promoted { get; init; }
    public required JsonObject Lobbyist { get; init; }
    public required IReadOnlyDictionary<string, JsonObject> ByFunction { get; init; }

    /// <summary>A host on the test's clock, warning rather than refusing meetings with unregistered representatives.</summary>
    public static ApiHost Host(DatabaseProvider database, ManualClock clock) => new(database, services => services.AddSingleton<TimeProvider>(clock),
        new Dictionary<string, string> { ["Publication:UnregisteredPolicy"] = "warn" });

    public static void SetNow(ManualClock clock, DateTimeOffset now) => clock.Advance(now - clock.GetUtcNow());

    public static async Task<PublicationPeople> RecordAsync(HttpClient client)
    {
        var cabinet = await client.CreateOrganisationAsync(NewOrganisation.OwnUnit("Cabinet of Executive Vice-President Virtanen"));
        var dg = await client.CreateOrganisationAsync(NewOrganisation.OwnUnit("Directorate-General for Communications Networks, Content and Technology")
            with
        { Aliases = ["DG CONNECT", "CNECT", "Communications Networks DG in full"] });
        var company = await client.CreateOrganisationAsync(new NewOrganisation("Acme Platforms SA") { TransparencyRegisterId = CompanyCode });
        var ngo = await client.CreateOrganisationAsync(new NewOrganisation("Digital Rights Network") { Kind = "ngo", TransparencyRegisterId = NgoCode });
        var ministry = await client.CreateOrganisationAsync(new NewOrganisation("Ministry of Digital Affairs") { Kind = "publicAuthority" });
        var grantHolder = await client.CreateOrganisationAsync(new NewOrganisation("Grant Holder Ltd")
        {
            InterestRepresentativeOverride = new { value = false, reason = "Meets us only under a grant agreement." },
        });
        var broadcaster = await client.CreateOrganisationAsync(new NewOrganisation("Public Broadcaster")
        {
            Kind = "publicAuthority", TransparencyRegisterId = "555555555555-55",
            InterestRepresentativeOverride = new { value = true, reason = "Meets us as a broadcaster." },
        });
        var individual = await client.CreateOrganisationAsync(new NewOrganisation("Jo Citizen") { Kind = "individual" });
        var union = await client.CreateOrganisationAsync(new NewOrganisation("Platform Workers Union") { Kind = "tradeUnion" });

        async Task<JsonObject> Person(string name, JsonObject unit, string? function, string? title = null, params NewPosition[] more)
            => await client.CreateAsync(Routes.Contacts, new NewContact(name)
            {
                Positions = more.Length > 0 ? more : [new NewPosition(unit.Id()) { Title = title, From = "2010-01-01", Function = function }],
            });

        var byFunction = new Dictionary<string, JsonObject>();
        foreach (var function in new[]
        {
            "member", "cabinetMember", "secretaryGeneral", "deputySecretaryGeneral", "directorGeneral", "deputyDirectorGeneral", "director", "headOfUnit",
            "staff",
        })
        {
            var unit = function is "member" or "cabinetMember" ? cabinet : dg;
            byFunction[function] = await Person($"Holder of {function}", unit, function, function == "member" ? "Executive Vice-President" : null);
        }
        return new PublicationPeople
        {
            Cabinet = cabinet, Dg = dg, Company = company, Ngo = ngo, Ministry = ministry, GrantHolder = grantHolder, Broadcaster = broadcaster,
            Organisations = [company, ngo, ministry, grantHolder, broadcaster, individual, union],
            Member = byFunction["member"],
            CabinetMember = await Person("Anna Kovacs", cabinet, "cabinetMember", "Member of Cabinet"),
            Director = await Person("Pierre Laurent", dg, "director", "Director for Platforms"),
            HeadOfUnit = byFunction["headOfUnit"],
            Staff = byFunction["staff"],
            Unnamed = await Person("No Function Recorded", dg, null, "Policy officer"),
            Promoted = await Person("Promoted In 2023", dg, null, null,
                new NewPosition(dg.Id()) { Function = "headOfUnit", From = "2010-01-01", To = "2022-12-31" },
                new NewPosition(dg.Id()) { Function = "directorGeneral", From = "2023-01-01" }),
            Lobbyist = await Person("Greta Lobby", company, null, "Head of Public Policy"),
            ByFunction = byFunction,
        };
    }

    /// <summary>A held meeting at 10:00 in Brussels on the day, of our cabinet member with the company.</summary>
    public NewEngagement Meeting(string day, string title) => new(title, $"{day}T10:00:00+01:00")
    {
        Kind = "meeting",
        Status = "held",
        Location = "Berlaymont",
        OrganisationIds = [Company.Id()],
        Participants = [new NewParticipant(CabinetMember.Id()), new NewParticipant(Lobbyist.Id())],
    };

    public Task<JsonObject> MeetingAsync(HttpClient client, string day, string title) => client.CreateAsync(Routes.Engagements, Meeting(day, title));

    public async Task<JsonObject> PublishedAsync(HttpClient client, string day, string title, string publishedOn)
    {
        var meeting = await MeetingAsync(client, day, title);
        return await (await client.PublishAsync(meeting, new { publishedOn, url = "https://ec.europa.eu/transparencyinitiative/meetings/1" }))
            .JsonAsync(HttpStatusCode.OK);
    }

    /// <summary>Every item of a keyset-paged list, following nextCursor; each page holds at most the limit asked for.</summary>
    public static async Task<List<JsonObject>> AllPagesAsync(HttpClient client, string route, int limit, string filters = "")
    {
        var firstPage = $"{route}?{filters}limit={limit}";
        var items = new List<JsonObject>();
        var uri = firstPage;
        for (var pages = 0; ; pages++)
        {
            Assert.That(pages, Is.LessThan(1000), "the cursor must move on");
            var page = await (await client.GetAsync(uri)).JsonAsync(HttpStatusCode.OK);
            var pageItems = page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
            Assert.That(pageItems, Has.Count.LessThanOrEqualTo(limit));
            items.AddRange(pageItems);
            if ((string?)page["nextCursor"] is not { } cursor) return items;
            Assert.That(pageItems, Has.Count.EqualTo(limit), "a page before the last is full");
            uri = $"{firstPage}&cursor={Uri.EscapeDataString(cursor)}";
        }
    }
}
