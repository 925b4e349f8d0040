using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Features.DataProtection;
using StakeholderCrm.Api.Infrastructure;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.DataProtection;

/// <summary>Retention (issue 21): external contacts inactive for DataProtection:InactiveContactYears (5) are listed and erased; on a clock the tests move.</summary>
public sealed class RetentionTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string List = "/api/data-protection/retention";
    private const string Apply = "/api/data-protection/retention/apply";

    // The cut-off is 2021-01-15: activity on or after it keeps a contact.
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 11, 0, 0, TimeSpan.Zero);

    private readonly ManualClock clock = new();
    private JsonObject old = null!;
    private JsonObject recentlyMet = null!;
    private JsonObject staff = null!;
    private JsonObject recent = null!;

    protected override ApiHost CreateOwnHost(DatabaseProvider database) => new(database, services => services.AddSingleton<TimeProvider>(clock));

    [SetUp]
    public async Task RecordPeople()
    {
        MoveClockTo(new DateTimeOffset(2018, 1, 10, 9, 0, 0, TimeSpan.Zero));
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var unit = await Admin.CreateOrganisationAsync(NewOrganisation.OwnUnit("DG Communications Networks, Content and Technology"));
        old = await Admin.CreateAsync(Routes.Contacts, new NewContact("Ottilie Vandersloot")
        {
            Email = "ottilie@example.org", Positions = [new NewPosition(tiktok.Id()) { Title = "Public Policy", From = "2017-01-01" }],
        });
        recentlyMet = await Admin.CreateAsync(Routes.Contacts, new NewContact("Theo Bakker") { Positions = [new NewPosition(tiktok.Id())] });
        staff = await Admin.CreateAsync(Routes.Contacts, new NewContact("Anna Official")
        {
            Positions = [new NewPosition(unit.Id()) { Title = "Policy officer", From = "2015-01-01" }],
        });
        MoveClockTo(new DateTimeOffset(2018, 6, 1, 9, 0, 0, TimeSpan.Zero));
        await Admin.CreateAsync(Routes.Engagements, new NewEngagement("Meeting with TikTok", "2018-03-01T10:00:00Z")
        {
            OrganisationIds = [tiktok.Id()], Participants = [new NewParticipant(old.Id()), new NewParticipant(recentlyMet.Id())],
        });
        MoveClockTo(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
        recent = await Admin.CreateAsync(Routes.Contacts, new NewContact("Rita Recent"));
        await Admin.CreateAsync(Routes.Engagements, new NewEngagement("Call with TikTok", "2024-05-02T10:00:00Z")
        {
            Kind = "call", OrganisationIds = [tiktok.Id()], Participants = [new NewParticipant(recentlyMet.Id())],
        });
        MoveClockTo(Now);
    }

    [Test]
    public async Task Lists_an_old_external_contact_and_keeps_recent_ones_and_current_staff()
    {
        var list = await (await Admin.GetAsync(List)).JsonAsync(HttpStatusCode.OK);

        Assert.That((string)list["cutoff"]!, Is.EqualTo("2021-01-15"));
        Assert.That((bool)list["truncated"]!, Is.False);
        var items = list["items"]!.AsArray();
        Assert.That(items.Select(i => (string)i!["id"]!), Is.EqualTo(new[] { old.Id() }),
            $"kept: {recentlyMet.Id()} (met in 2024), {staff.Id()} (own staff), {recent.Id()} (recorded in 2025)");
        Assert.That((string)items[0]!["fullName"]!, Is.EqualTo("Ottilie Vandersloot"));
        Assert.That((string)items[0]!["lastActivity"]!, Is.EqualTo("engagement"));
        Assert.That((string)items[0]!["lastActivityOn"]!, Is.EqualTo("2018-03-01"));

        var editor = await ClientWithRoleAsync("editor");
        await (await editor.GetAsync(List)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await editor.PostAsync(Apply, new { })).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_dry_run_changes_nothing_and_reports_what_would_be_erased()
    {
        var result = await (await Admin.PostAsync($"{Apply}?dryRun=true", new { })).JsonAsync(HttpStatusCode.OK);

        Assert.That((bool)result["dryRun"]!, Is.True);
        Assert.That((int)result["candidates"]!, Is.EqualTo(1));
        Assert.That((int)result["erased"]!, Is.Zero);
        Assert.That((string)result["contacts"]![0]!["fullName"]!, Is.EqualTo("Ottilie Vandersloot"));
        Assert.That((string)(await Admin.ReadAsync(Routes.Contacts, old.Id()))["fullName"]!, Is.EqualTo("Ottilie Vandersloot"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM personal_data_requests"), Is.Zero);
    }

    [Test]
    public async Task Apply_erases_the_listed_contacts_and_logs_each_as_retention()
    {
        var result = await (await Admin.PostAsync(Apply, new { })).JsonAsync(HttpStatusCode.OK);

        Assert.That((bool)result["dryRun"]!, Is.False);
        Assert.That((int)result["candidates"]!, Is.EqualTo(1));
        Assert.That((int)result["erased"]!, Is.EqualTo(1));
        var erased = await Admin.ReadAsync(Routes.Contacts, old.Id());
        Assert.That((string)erased["fullName"]!, Does.Match("^Erased person [0-9A-F]{8}$"));
        Assert.That(erased["email"], Is.Null);
        Assert.That((string)result["contacts"]![0]!["fullName"]!, Is.EqualTo((string)erased["fullName"]!), "the answer names no erased person");
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM personal_data_requests WHERE contact_id = @Id AND kind = 'retention'",
            new { Id = Guid.Parse(old.Id()) }), Is.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM personal_data_requests"), Is.EqualTo(1));
        foreach (var kept in new[] { recentlyMet, staff, recent })
        {
            Assert.That((string)(await Admin.ReadAsync(Routes.Contacts, kept.Id()))["fullName"]!, Is.EqualTo((string)kept["fullName"]!));
        }

        Assert.That((await (await Admin.GetAsync(List)).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray(), Is.Empty, "an erased contact is not due again");
    }

    [Test]
    public async Task The_command_dry_run_changes_nothing_apply_erases_and_bad_arguments_exit_2()
    {
        var command = Host.Services.GetServices<IToolCommand>().OfType<ApplyRetentionCommand>().Single();

        Assert.That(await command.ApplyAsync(Host.Services, ["--dry"], CancellationToken.None), Is.EqualTo(2));
        Assert.That(await command.ApplyAsync(Host.Services, ["--dry-run", "--dry-run"], CancellationToken.None), Is.EqualTo(2));
        Assert.That(await command.ApplyAsync(Host.Services, ["--dry-run"], CancellationToken.None), Is.Zero);
        Assert.That((string)(await Admin.ReadAsync(Routes.Contacts, old.Id()))["fullName"]!, Is.EqualTo("Ottilie Vandersloot"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM personal_data_requests"), Is.Zero);

        Assert.That(await command.ApplyAsync(Host.Services, [], CancellationToken.None), Is.Zero);
        Assert.That((string)(await Admin.ReadAsync(Routes.Contacts, old.Id()))["fullName"]!, Does.StartWith("Erased person "));
        Assert.That(await TestDatabase.CountAsync(Host,
            "SELECT COUNT(*) FROM personal_data_requests WHERE kind = 'retention' AND requested_by = 'system'"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_command_erases_batch_after_batch_until_none_is_due()
    {
        var batch = new DataProtectionOptions().RetentionBatchSize;
        await InsertOldContactsAsync(2 * batch);
        var command = Host.Services.GetServices<IToolCommand>().OfType<ApplyRetentionCommand>().Single();

        Assert.That(await command.ApplyAsync(Host.Services, [], CancellationToken.None), Is.Zero);

        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM personal_data_requests WHERE kind = 'retention'"), Is.EqualTo(2 * batch + 1));
        Assert.That((await (await Admin.GetAsync(List)).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task More_contacts_due_than_one_run_takes_are_listed_and_erased_in_turns_and_said_to_be_truncated()
    {
        // Recorded when Ottilie Vandersloot was, and before her by name: the first runs take them, the last one her.
        await InsertOldContactsAsync(RetentionQueries.MaxCandidates);

        var list = await (await Admin.GetAsync(List)).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)list["truncated"]!, Is.True);
        Assert.That(list["items"]!.AsArray(), Has.Count.EqualTo(RetentionQueries.MaxCandidates));
        Assert.That(list["items"]!.AsArray().Select(i => (string)i!["id"]!), Does.Not.Contain(old.Id()));

        var batch = new DataProtectionOptions().RetentionBatchSize;
        var first = await (await Admin.PostAsync(Apply, new { })).JsonAsync(HttpStatusCode.OK);
        Assert.That(((int)first["candidates"]!, (int)first["erased"]!, (bool)first["truncated"]!), Is.EqualTo((RetentionQueries.MaxCandidates, batch, true)));
        Assert.That((string)(await Admin.ReadAsync(Routes.Contacts, old.Id()))["fullName"]!, Is.EqualTo("Ottilie Vandersloot"), "left for a later run");

        var runs = new List<JsonObject> { first };
        while ((bool)runs[^1]["truncated"]!) runs.Add(await (await Admin.PostAsync(Apply, new { })).JsonAsync(HttpStatusCode.OK));
        Assert.That(runs.Select(r => (int)r["erased"]!), Has.All.LessThanOrEqualTo(batch));
        Assert.That(runs.Sum(r => (int)r["erased"]!), Is.EqualTo(RetentionQueries.MaxCandidates + 1));
        Assert.That((string)runs[^1]["contacts"]!.AsArray()[^1]!["id"]!, Is.EqualTo(old.Id()), "by name, she comes last");
    }

    private async Task InsertOldContactsAsync(int count)
    {
        await using var connection = await Host.Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        var recordedAt = new DateTimeOffset(2018, 1, 10, 9, 0, 0, TimeSpan.Zero);
        await connection.ExecuteAsync("""
            INSERT INTO contacts (id, full_name, name_key, positions, version, created_at, updated_at)
            VALUES (@Id, @FullName, @NameKey, '[]', 1, @RecordedAt, @RecordedAt)
            """, Enumerable.Range(0, count).Select(i => new
        {
            Id = Guid.CreateVersion7(), FullName = $"Old contact {i:D4}", NameKey = $"old contact {i:D4}", RecordedAt = recordedAt,
        }));
    }

    private void MoveClockTo(DateTimeOffset instant) => clock.Advance(instant - clock.GetUtcNow());
}
