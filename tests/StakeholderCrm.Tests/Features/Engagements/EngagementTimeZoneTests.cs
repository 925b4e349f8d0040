using System.Text;
using Dapper;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Engagements;

/// <summary>An engagement's own time zone (ADR 012); this class's unit is in Lisbon, so the configured default shows.</summary>
public sealed class EngagementTimeZoneTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string UnitZone = "Europe/Lisbon";
    private const string Route = Routes.Engagements;
    private SeedMeeting seed = null!;

    protected override ApiHost CreateOwnHost(DatabaseProvider database)
        => new(database, settings: new Dictionary<string, string> { ["Engagements:TimeZone"] = UnitZone });

    [SetUp]
    public async Task RecordPeople() => seed = await SeedMeeting.RecordPeopleAsync(Admin);

    [Test]
    public async Task Answers_the_utc_instants_with_the_zone_and_the_local_times_on_create_read_and_list()
    {
        var meeting = await Admin.CreateAsync(Route, seed.Engagement() with
        {
            StartsAt = "2021-06-28T12:00:00+02:00",
            EndsAt = "2021-06-28T13:30:00+02:00",
            TimeZone = "Europe/Brussels",
        });

        Assert.That((string)meeting["startsAt"]!, Is.EqualTo("2021-06-28T10:00:00+00:00"));
        Assert.That((string)meeting["endsAt"]!, Is.EqualTo("2021-06-28T11:30:00+00:00"));
        Assert.That((string)meeting["timeZone"]!, Is.EqualTo("Europe/Brussels"));
        Assert.That((string)meeting["localStartsAt"]!, Is.EqualTo("2021-06-28T12:00:00+02:00"));
        Assert.That((string)meeting["localEndsAt"]!, Is.EqualTo("2021-06-28T13:30:00+02:00"));
        Assert.That(JsonNode.DeepEquals(await Admin.ReadAsync(Route, meeting.Id()), meeting), Is.True);

        var summary = (await Admin.ListAsync(Route)).Single();
        string[] times = ["startsAt", "endsAt", "timeZone", "localStartsAt", "localEndsAt"];
        Assert.That(times.Select(t => (string?)summary[t]), Is.EqualTo(times.Select(t => (string?)meeting[t])));
    }

    [TestCase("2021-06-28T12:00:00+02:00", "Europe/Brussels", "2021-06-28T12:00:00+02:00", TestName = "Summer in Brussels is +02:00")]
    [TestCase("2021-01-28T12:00:00+01:00", "Europe/Brussels", "2021-01-28T12:00:00+01:00", TestName = "Winter in Brussels is +01:00")]
    [TestCase("2021-06-28T12:00:00+02:00", "America/New_York", "2021-06-28T06:00:00-04:00", TestName = "The zone decides, not the offset sent")]
    [TestCase("2021-06-28T10:00:00Z", "Asia/Kolkata", "2021-06-28T15:30:00+05:30", TestName = "A zone half an hour off")]
    public async Task Gives_the_start_as_the_clock_read_in_its_zone_that_day(string startsAt, string zone, string local)
    {
        var meeting = await Admin.CreateAsync(Route, seed.Engagement() with { StartsAt = startsAt, EndsAt = null, TimeZone = zone });

        Assert.That(DateTimeOffset.Parse((string)meeting["startsAt"]!).Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(DateTimeOffset.Parse((string)meeting["startsAt"]!), Is.EqualTo(DateTimeOffset.Parse(startsAt)));
        Assert.That((string)meeting["localStartsAt"]!, Is.EqualTo(local));
        Assert.That(meeting.ContainsKey("localEndsAt") && meeting["localEndsAt"] is null, Is.True, "no end, no local end");
    }

    [Test]
    public async Task Without_a_zone_an_engagement_is_in_the_units_own_from_configuration()
    {
        var meeting = await Admin.CreateAsync(Route, seed.Engagement());

        Assert.That((string)meeting["timeZone"]!, Is.EqualTo(UnitZone));
        Assert.That((string)meeting["localStartsAt"]!, Is.EqualTo("2021-06-28T09:00:00+01:00"));
    }

    [TestCase("Romance Standard Time", "Europe/Paris")]
    [TestCase("Mars/Olympus_Mons", "IANA")]
    [TestCase("europe/brussels", "IANA")]
    [TestCase("posix/Europe/Brussels", "IANA")]
    [TestCase("+02:00", "IANA")]
    [TestCase("", "IANA")]
    public async Task Refuses_a_zone_that_is_not_an_iana_id_naming_timeZone(string zone, string hint)
    {
        var message = await (await Admin.PostAsync(Route, seed.Engagement() with { TimeZone = zone })).FieldErrorAsync("timeZone");

        Assert.That(message, Does.Contain(hint));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM engagements"), Is.Zero);
    }

    [Test]
    public async Task A_patch_moves_it_to_another_zone_and_the_local_times_follow_but_cannot_clear_it()
    {
        var meeting = await Admin.CreateAsync(Route, seed.Engagement() with { TimeZone = "Europe/Brussels" });

        var tokyo = await (await Admin.PatchAsync(Route, meeting, """{"timeZone": "Asia/Tokyo"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)tokyo["version"]!, Is.EqualTo(2));
        Assert.That((string)tokyo["startsAt"]!, Is.EqualTo((string)meeting["startsAt"]!));
        Assert.That((string)tokyo["localStartsAt"]!, Is.EqualTo("2021-06-28T17:00:00+09:00"));
        Assert.That((string)tokyo["localEndsAt"]!, Is.EqualTo("2021-06-28T18:00:00+09:00"));
        var history = await (await Admin.GetAsync($"{Route}/{meeting.Id()}/history")).JsonAsync(HttpStatusCode.OK);
        var change = history["items"]!.AsArray()[^1]!;
        Assert.That(((string)change["before"]!["timeZone"]!, (string)change["after"]!["timeZone"]!), Is.EqualTo(("Europe/Brussels", "Asia/Tokyo")));

        await (await Admin.PatchAsync(Route, tokyo, """{"timeZone": "Tokyo Standard Time"}""")).FieldErrorAsync("timeZone");
        Assert.That(await (await Admin.PatchAsync(Route, tokyo, """{"timeZone": null}""")).FieldErrorAsync("timeZone"), Does.Contain("cannot be cleared"));
        var unit = await (await Admin.PatchAsync(Route, tokyo, $$"""{"timeZone": "{{UnitZone}}"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)unit["localStartsAt"]!, Is.EqualTo("2021-06-28T09:00:00+01:00"));
    }

    [Test]
    public async Task A_replace_by_external_id_that_leaves_the_zone_out_keeps_it()
    {
        const string path = $"{Route}/by-external-id/registry/Ares(2021)4185273";
        var body = seed.Engagement() with { TimeZone = "Asia/Tokyo" };
        var created = await (await Admin.PutAsync(path, RequestBody.Content(body))).JsonAsync(HttpStatusCode.Created);
        Assert.That((string)created["timeZone"]!, Is.EqualTo("Asia/Tokyo"));

        var replaced = await (await Admin.PutAsync(path, RequestBody.Content(body with { TimeZone = null, Title = "Replaced" }))).JsonAsync(HttpStatusCode.OK);
        Assert.That(((string)replaced["title"]!, (string)replaced["timeZone"]!), Is.EqualTo(("Replaced", "Asia/Tokyo")));
    }

    [Test]
    public async Task Csv_export_then_import_keeps_each_zone()
    {
        await Admin.CreateAsync(Route, seed.Engagement() with { Title = "In Tokyo", TimeZone = "Asia/Tokyo" });
        await Admin.CreateAsync(Route, seed.Engagement() with { Title = "In Brussels", TimeZone = "Europe/Brussels" });

        var csv = await Admin.GetStringAsync($"{Route}/export.csv");
        var header = csv.Split('\n')[0].Trim().Split(',');
        Assert.That(header, Does.Contain("timeZone").And.No.Contain("localStartsAt"));
        var import = await (await Admin.PostAsync($"{Route}/import.csv", new StringContent(csv, Encoding.UTF8, "text/csv"))).JsonAsync(HttpStatusCode.OK);
        Assert.That((int)import["succeeded"]!, Is.EqualTo(2));

        var zones = (await Admin.ListAsync(Route)).Select(e => $"{e["title"]}: {e["timeZone"]}");
        Assert.That(zones, Is.EquivalentTo(new[]
        {
            "In Tokyo: Asia/Tokyo", "In Tokyo: Asia/Tokyo", "In Brussels: Europe/Brussels", "In Brussels: Europe/Brussels",
        }));
    }

    [Test]
    public async Task Rows_recorded_before_the_zone_existed_are_in_brussels()
    {
        using var scratch = new ScratchSqlite();
        await using var connection = await scratch.Connections.OpenAsync(CancellationToken.None);
        var migrations = Directory.GetFiles(RepositoryFiles.PathOf("db", "sqlite"), "*.sql").Order().ToList();
        foreach (var script in migrations.Where(m => !m.Contains("engagement_time_zone"))) await connection.ExecuteAsync(File.ReadAllText(script));
        await connection.ExecuteAsync("""
            INSERT INTO engagements (id, title, kind, status, starts_at, confidentiality, version, created_at, updated_at)
            VALUES ('0190a1b2-0000-7000-8000-000000000001', 'Recorded in 2021', 'call', 'held', '2021-06-28 08:00:00', 'internal', 1,
                '2021-06-28 09:00:00', '2021-06-28 09:00:00')
            """);

        await connection.ExecuteAsync(File.ReadAllText(migrations.Single(m => m.Contains("engagement_time_zone"))));

        Assert.That(await connection.ExecuteScalarAsync<string>("SELECT time_zone FROM engagements"), Is.EqualTo("Europe/Brussels"));
    }

    [Test]
    public void A_unit_zone_that_is_not_an_iana_id_stops_the_start()
    {
        using var host = new ApiHost(Provider, settings: new Dictionary<string, string> { ["Engagements:TimeZone"] = "Romance Standard Time" });

        var failure = Assert.Catch(() => host.CreateClient());
        Assert.That(failure!.ToString(), Does.Contain("Engagements:TimeZone"));
    }
}
