using System.Text;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Publications;

public sealed class ExportPublicationsTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Csv = $"{Routes.Publications}/export.csv";
    private const string JsonExport = $"{Routes.Publications}/export.json";

    // Noon in Brussels on 20 March 2025: a meeting before 6 March is overdue, one from 6 March on is pending.
    private static readonly DateTimeOffset Today = new(2025, 3, 20, 11, 0, 0, TimeSpan.Zero);

    private static readonly string[] Columns =
    [
        "Name of cabinet", "Name of DG - acronym", "Name of DG - full name", "Name of EC representative", "Title of EC representative",
        "Date of meeting", "Location", "Transparency register ID", "Name of interest representative", "Subject of the meeting", "Minutes",
    ];

    // The JSON name of each CSV column, in the same order.
    private static readonly string[] JsonColumns =
    [
        "nameOfCabinet", "dgAcronym", "dgFullName", "representativeName", "representativeTitle", "dateOfMeeting", "location", "transparencyRegisterIds",
        "interestRepresentativeNames", "subjectOfTheMeeting", "minutes",
    ];

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
    public async Task The_csv_header_is_the_Commissions_eleven_columns_in_order()
    {
        Assert.That(await CsvAsync(Admin, ""), Is.EqualTo(new[] { Columns }), "no meeting: the header alone");

        await people.MeetingAsync(Admin, "2025-02-10", "Meeting on platforms");
        var rows = await CsvAsync(Admin, "");
        Assert.That(rows[0], Is.EqualTo(Columns));
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[1], Has.Length.EqualTo(11));
    }

    [Test]
    public async Task One_row_per_covered_attending_participant_with_cabinet_or_dg_columns()
    {
        await Admin.CreateAsync(Routes.Engagements, people.Meeting("2025-02-10", "Meeting on the DSA") with
        {
            OrganisationIds = [people.Company.Id(), people.Ngo.Id(), people.Ministry.Id()],
            Participants =
            [
                new NewParticipant(people.Member.Id()), new NewParticipant(people.Staff.Id()), new NewParticipant(people.CabinetMember.Id()),
                new NewParticipant(people.Director.Id()) { Attended = false }, new NewParticipant(people.HeadOfUnit.Id()),
                new NewParticipant(people.Lobbyist.Id()),
            ],
            Purpose = "Enforcement of the Digital Services Act",
            KeyPoints = [new("keyPoint", "Acme presented its risk assessment."), new("keyPoint", "The network asked for data access for researchers.")],
        });

        var rows = (await CsvAsync(Admin, ""))[1..];

        const string cabinet = "Cabinet of Executive Vice-President Virtanen";
        const string dg = "Directorate-General for Communications Networks, Content and Technology";
        string[] Shared(params string[] row) =>
        [
            .. row, "2025-02-10", "Berlaymont", $"{PublicationPeople.CompanyCode}, {PublicationPeople.NgoCode}", "Acme Platforms SA, Digital Rights Network",
            "Enforcement of the Digital Services Act", "Acme presented its risk assessment.\nThe network asked for data access for researchers.",
        ];
        Assert.That(rows, Is.EqualTo(new[]
        {
            Shared(cabinet, "", "", "Holder of member", "Executive Vice-President"),
            Shared(cabinet, "", "", "Anna Kovacs", "Member of Cabinet"),
            // Under the 2025 rules a head of unit is covered; the acronym is the DG's shortest alias; a position without a title is named by its function.
            Shared("", "CNECT", dg, "Holder of headOfUnit", "head of unit"),
        }));
        await AssertJsonMatchesCsvAsync("");
    }

    [Test]
    public async Task A_meeting_with_one_covered_participant_is_one_row_and_with_none_is_no_row()
    {
        await Admin.CreateAsync(Routes.Engagements, people.Meeting("2025-02-10", "One covered") with
        {
            Participants = [new NewParticipant(people.Director.Id()), new NewParticipant(people.Staff.Id()), new NewParticipant(people.Lobbyist.Id())],
        });
        // Under the 2014 rules a director is not covered: nothing to publish, no row.
        await Admin.CreateAsync(Routes.Engagements, people.Meeting("2024-12-10", "None covered") with
        {
            Participants = [new NewParticipant(people.Director.Id()), new NewParticipant(people.Staff.Id())],
        });

        var rows = (await CsvAsync(Admin, ""))[1..];
        Assert.That(rows.Select(r => (r[3], r[4], r[9])), Is.EqualTo(new[] { ("Pierre Laurent", "Director for Platforms", "One covered") }));
    }

    [Test]
    public async Task The_subject_is_the_purpose_else_the_title_and_the_minutes_the_key_points_one_per_line()
    {
        await Admin.CreateAsync(Routes.Engagements, people.Meeting("2025-02-10", "Title only"));
        await Admin.CreateAsync(Routes.Engagements, people.Meeting("2025-02-11", "Title and purpose") with
        {
            Purpose = "The purpose",
            KeyPoints = [new("keyPoint", "First point."), new("keyPoint", "Second point."), new("keyPoint", "Third point.")],
        });

        var rows = (await CsvAsync(Admin, ""))[1..];
        Assert.That(rows.Select(r => (r[9], r[10])), Is.EqualTo(new[] { ("Title only", ""), ("The purpose", "First point.\nSecond point.\nThird point.") }));
        await AssertJsonMatchesCsvAsync("");
    }

    [Test]
    public async Task Only_interest_representatives_met_are_named_and_an_override_counts()
    {
        await Admin.CreateAsync(Routes.Engagements, people.Meeting("2025-02-10", "Broadcaster and others") with
        {
            OrganisationIds = [people.GrantHolder.Id(), people.Broadcaster.Id(), people.Ministry.Id()],
        });

        var rows = (await CsvAsync(Admin, ""))[1..];
        Assert.That(rows.Select(r => (r[7], r[8])), Is.EqualTo(new[] { ("555555555555-55", "Public Broadcaster") }));
    }

    [Test]
    public async Task A_cell_a_spreadsheet_would_read_as_a_formula_is_escaped_in_csv_and_kept_in_json()
    {
        await Admin.CreateAsync(Routes.Engagements, people.Meeting("2025-02-10", "=HYPERLINK(\"https://evil.example\",\"Click\")") with
        {
            Location = "@SUM(A1:A2)",
            KeyPoints = [new("keyPoint", "+32 2 299 11 11 to call back."), new("keyPoint", "=1+1")],
        });

        var row = (await CsvAsync(Admin, ""))[1];
        Assert.That((row[6], row[9], row[10]),
            Is.EqualTo(("'@SUM(A1:A2)", "'=HYPERLINK(\"https://evil.example\",\"Click\")", "'+32 2 299 11 11 to call back.\n=1+1")));
        var json = (await JsonRowsAsync(Admin, ""))[0];
        Assert.That(((string)json["location"]!, (string)json["subjectOfTheMeeting"]!, (string)json["minutes"]!),
            Is.EqualTo(("@SUM(A1:A2)", "=HYPERLINK(\"https://evil.example\",\"Click\")", "+32 2 299 11 11 to call back.\n=1+1")));
    }

    [Test]
    public async Task The_json_export_has_the_same_rows_with_the_json_names()
    {
        var meeting = await Admin.CreateAsync(Routes.Engagements, people.Meeting("2025-02-10", "Two rows") with
        {
            Participants = [new NewParticipant(people.CabinetMember.Id()), new NewParticipant(people.Director.Id())],
            KeyPoints = [new("keyPoint", "A point, with a comma and \"quotes\".")],
        });
        var published = await people.PublishedAsync(Admin, "2025-01-10", "Published", "2025-01-15");

        var rows = await JsonRowsAsync(Admin, "");

        Assert.That(rows, Has.Count.EqualTo(3));
        Assert.That(rows[0].Select(p => p.Key), Is.EquivalentTo(JsonColumns.Concat(["engagementId", "contactId", "status"])));
        Assert.That(rows.Select(r => ((string)r["engagementId"]!, (string)r["contactId"]!, (string)r["status"]!)), Is.EqualTo(new[]
        {
            (meeting.Id(), people.CabinetMember.Id(), "overdue"), (meeting.Id(), people.Director.Id(), "overdue"),
            (published.Id(), people.CabinetMember.Id(), "published"),
        }));
        Assert.That(rows[1]["nameOfCabinet"], Is.Null);
        Assert.That((string)rows[1]["dgAcronym"]!, Is.EqualTo("CNECT"));
        await AssertJsonMatchesCsvAsync("");
    }

    [Test]
    public async Task The_list_filters_apply_to_both_exports()
    {
        await people.MeetingAsync(Admin, "2025-02-10", "Overdue");
        await people.MeetingAsync(Admin, "2025-03-10", "Pending");
        await people.PublishedAsync(Admin, "2025-01-10", "Published", "2025-01-15");
        await Admin.CreateAsync(Routes.Engagements, people.Meeting("2025-02-12", "Not required") with { Kind = "conference" });

        foreach (var (filters, expected) in new[]
        {
            ("", new[] { "Overdue", "Pending", "Published" }),
            ("status=pending", ["Pending"]),
            ("status=published", ["Published"]),
            ("from=2025-02-01&to=2025-02-28", ["Overdue"]),
            ("from=2025-03-01&status=overdue", []),
        })
        {
            Assert.That((await CsvAsync(Admin, filters))[1..].Select(r => r[9]), Is.EqualTo(expected), $"csv {filters}");
            Assert.That((await JsonRowsAsync(Admin, filters)).Select(r => (string)r["subjectOfTheMeeting"]!), Is.EqualTo(expected), $"json {filters}");
        }
    }

    [TestCase("status=lunch", "status")]
    [TestCase("status=notRequired", "status")]
    [TestCase("from=2025-03-01&to=2025-02-28", "to")]
    [TestCase("to=yesterday", "to")]
    public async Task A_bad_filter_is_a_400_problem_instead_of_a_file(string query, string field)
    {
        await people.MeetingAsync(Admin, "2025-02-10", "A meeting to export");
        foreach (var route in new[] { Csv, JsonExport })
        {
            var response = await Admin.GetAsync($"{route}?{query}");
            Assert.That(response.Content.Headers.ContentDisposition, Is.Null, route);
            await response.FieldErrorAsync(field);
        }
    }

    [Test]
    public async Task The_files_are_named_meetings_csv_and_meetings_json()
    {
        await people.MeetingAsync(Admin, "2025-02-10", "A meeting to export");

        var csv = await Admin.GetAsync(Csv);
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csv.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(csv.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("meetings.csv"));

        var json = await Admin.GetAsync(JsonExport);
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(json.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(json.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("meetings.json"));
    }

    [Test]
    public async Task A_sensitive_meeting_is_listed_and_exported_only_to_a_cleared_caller_without_its_minutes()
    {
        var ordinary = await Admin.CreateAsync(Routes.Engagements, people.Meeting("2025-02-10", "Ordinary") with
        {
            KeyPoints = [new("keyPoint", "Ordinary minutes.")],
        });
        var sensitive = await Admin.CreateAsync(Routes.Engagements, people.Meeting("2025-02-11", "Sensitive") with
        {
            Confidentiality = "sensitive",
            KeyPoints = [new("keyPoint", "Secret minutes.")],
        });
        var reader = await ClientWithRoleAsync("reader");
        var key = await (await Admin.PostAsync(Routes.ApiKeys, new NewApiKey("cleared-reader", "reader") { Cleared = true })).JsonAsync(HttpStatusCode.Created);
        var cleared = Client((string)key["secret"]!);

        Assert.That((await reader.ListAsync(Routes.Publications)).Select(i => (string)i["engagementId"]!), Is.EqualTo(new[] { ordinary.Id() }));
        Assert.That((await CsvAsync(reader, ""))[1..].Select(r => (r[9], r[10])), Is.EqualTo(new[] { ("Ordinary", "Ordinary minutes.") }));
        Assert.That((await JsonRowsAsync(reader, "")).Select(r => (string)r["engagementId"]!), Is.EqualTo(new[] { ordinary.Id() }));
        foreach (var route in new[] { Csv, JsonExport, Routes.Publications })
        {
            var body = await reader.GetStringAsync(route);
            Assert.That(body, Does.Not.Contain("Secret").And.Not.Contain(sensitive.Id()), route);
        }

        Assert.That((await cleared.ListAsync(Routes.Publications)).Select(i => ((string)i["engagementId"]!, (string)i["confidentiality"]!)),
            Is.EqualTo(new[] { (ordinary.Id(), "internal"), (sensitive.Id(), "sensitive") }));
        Assert.That((await CsvAsync(cleared, ""))[1..].Select(r => (r[9], r[10])),
            Is.EqualTo(new[] { ("Ordinary", "Ordinary minutes."), ("Sensitive", "") }));
        var json = await JsonRowsAsync(cleared, "");
        Assert.That(json.Select(r => ((string)r["engagementId"]!, (string?)r["minutes"])),
            Is.EqualTo(new[] { (ordinary.Id(), "Ordinary minutes."), (sensitive.Id(), (string?)null) }));
        Assert.That(await cleared.GetStringAsync(Csv) + await cleared.GetStringAsync(JsonExport), Does.Not.Contain("Secret"));
    }

    [Test]
    public async Task An_export_longer_than_one_page_holds_every_row_once()
    {
        const int meetings = 205;
        var items = Enumerable.Range(0, meetings)
            .Select(n => people.Meeting(new DateOnly(2024, 6, 1).AddDays(n / 3).ToString("yyyy-MM-dd"), $"Meeting {n:000}"))
            .ToList();
        (await Admin.PostAsync($"{Routes.Engagements}/batch", new { items })).EnsureSuccessStatusCode();

        var json = await JsonRowsAsync(Admin, "");
        Assert.That(json, Has.Count.EqualTo(meetings));
        Assert.That(json.Select(r => (string)r["engagementId"]!), Is.Unique);
        Assert.That(json.Select(r => (string)r["subjectOfTheMeeting"]!), Is.EquivalentTo(items.Select(i => i.Title)));
        var csv = await CsvAsync(Admin, "");
        Assert.That(csv, Has.Count.EqualTo(meetings + 1));
        Assert.That(csv[1..].Select(r => r[9]), Is.EqualTo(json.Select(r => (string)r["subjectOfTheMeeting"]!)));
    }

    /// <summary>The CSV and JSON exports of the same filters hold the same rows in the same order, value for value.</summary>
    private async Task AssertJsonMatchesCsvAsync(string filters)
    {
        var csv = (await CsvAsync(Admin, filters))[1..];
        var json = await JsonRowsAsync(Admin, filters);
        Assert.That(json, Has.Count.EqualTo(csv.Count));
        for (var i = 0; i < csv.Count; i++)
        {
            var fromJson = JsonColumns.Select(name => Unescaped((string?)json[i][name] ?? "")).ToArray();
            Assert.That(csv[i].Select(Unescaped), Is.EqualTo(fromJson), $"row {i + 1}");
        }

        // The CSV puts ' before a cell a spreadsheet would read as a formula; JSON has the value as it is.
        static string Unescaped(string cell) => cell.Length > 1 && cell[0] == '\'' && "=+-@\t\r".Contains(cell[1]) ? cell[1..] : cell;
    }

    private static async Task<List<string[]>> CsvAsync(HttpClient client, string filters)
    {
        var response = await client.GetAsync($"{Csv}?{filters}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return ParseCsv(body);
    }

    private static async Task<List<JsonObject>> JsonRowsAsync(HttpClient client, string filters)
    {
        var response = await client.GetAsync($"{JsonExport}?{filters}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonNode.Parse(body)!.AsArray().Select(r => r!.AsObject()).ToList();
    }

    /// <summary>RFC 4180: cells separated by commas, records by CRLF, quoted cells may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') cell.Append(text[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                record.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(cell.ToString());
                cell.Clear();
                records.Add([.. record]);
                record.Clear();
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || record.Count > 0)
        {
            record.Add(cell.ToString());
            records.Add([.. record]);
        }
        return records;
    }
}
