using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.DataProtection;

/// <summary>After an erasure the person's name, e-mail and phone are nowhere in the SQLite file or its write-ahead log.</summary>
public sealed class ErasureFileScanTests
{
    private const string Name = "Zéphyrine Quœur-Ångström";
    private const string Email = "zephyrine.quoeur+crm@example.org";
    private const string Phone = "+32 2 555 77 41";
    // What she was called and reached at before a change: kept in the answer to her creation and in her own history.
    private const string FormerName = "Zéphyrine Oddværsen";
    private const string FormerEmail = "z.oddvaersen@example.net";
    private const string FormerPhone = "+32 2 555 66 10";

    [Test]
    public async Task The_erased_values_occur_nowhere_in_the_database_file_or_its_log()
    {
        using var host = new ApiHost(DatabaseProvider.Sqlite);
        var admin = host.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", ApiHost.AdminKey);
        await TestDatabase.ResetAsync(host);

        var tiktok = await Keyed(admin, Routes.Organisations, new NewOrganisation("TikTok"));
        var person = await Keyed(admin, Routes.Contacts, new NewContact(FormerName)
        {
            Email = FormerEmail, Phone = FormerPhone, Notes = $"Call {FormerPhone} before noon.",
            Positions = [new NewPosition(tiktok.Id()) { Title = "Head of Public Policy", From = "2020-01-01" }],
        });
        var patched = await (await admin.PatchAsync(Routes.Contacts, person, JsonSerializer.Serialize(new
        {
            fullName = Name, email = Email, phone = Phone, notes = $"Call {Phone} before noon.",
        }))).JsonAsync(HttpStatusCode.OK);
        var colleague = await Keyed(admin, Routes.Contacts, new NewContact("Caroline Greer"));
        var engagement = await Keyed(admin, Routes.Engagements, new NewEngagement("Meeting with TikTok", "2021-06-28T10:00:00Z")
        {
            OrganisationIds = [tiktok.Id()],
            Participants = [new NewParticipant(person.Id()), new NewParticipant(colleague.Id()) { Side = "internal" }],
            AuthorId = person.Id(),
            Distribution = [new NewRecipient(person.Id())],
            Summary = $"{Name} ({Email}) presented the plan.",
            KeyPoints = [new NewKeyPoint("keyPoint", $"{Name} will send the figures.")],
        });
        await Keyed(admin, Routes.Commitments, new NewCommitment($"Figures from {Name}", tiktok.Id())
        {
            Category = "report", CommittedById = person.Id(), MadeInEngagementId = engagement.Id(), Description = $"Call {Phone}.",
        });
        // Only here: a figure's note and a link's address, and the reasons of the log of requests.
        await Keyed(admin, Routes.Figures, new NewFigure(tiktok.Id(), "Monthly active users", 150_000_000m, "users") { AsOf = "2021-06-28", Note = $"As {Name} said." });
        await Keyed(admin, Routes.Engagements, new NewEngagement("Follow-up call", "2021-07-05T10:00:00Z")
        {
            Kind = "call", OrganisationIds = [tiktok.Id()], Links = [new NewLink($"https://example.org/minutes?from={Email}")],
        });
        Assert.That(Occurrences(host), Is.Not.Empty, "the scan finds the values before the erasure");
        Assert.That(Occurrences(host).Where(o => o.StartsWith(FormerName, StringComparison.Ordinal) || o.StartsWith(FormerEmail, StringComparison.Ordinal)),
            Is.Not.Empty, "and the former ones");
        var restricted = await admin.SendAsync(HttpMethod.Post, $"{Routes.Contacts}/{person.Id()}/restriction", Requests.ETag(patched),
            RequestBody.Content(new { reason = $"{Name} contests the accuracy of her phone number" }));
        var lifted = await admin.SendAsync(HttpMethod.Delete, $"{Routes.Contacts}/{person.Id()}/restriction",
            Requests.ETag(await restricted.JsonAsync(HttpStatusCode.OK)));

        var erasure = await admin.SendAsync(HttpMethod.Post, $"{Routes.Contacts}/{person.Id()}/erasure", Requests.ETag(await lifted.JsonAsync(HttpStatusCode.OK)),
            RequestBody.Content(new { reason = $"Request of {Name} ({Email}) of 3 March", redactFreeText = true }));
        await erasure.JsonAsync(HttpStatusCode.OK);

        Assert.That(Occurrences(host), Is.Empty);
        await using var connection = new SqliteConnection(host.ConnectionString);
        Assert.That(await connection.QueryAsync<string>("SELECT reason FROM personal_data_requests WHERE kind = 'erasure'"),
            Is.EqualTo(new[] { "Request of [erased] ([erased]) of 3 March" }));
    }

    [Test]
    public async Task An_erasure_answers_its_success_when_a_reader_keeps_the_log_from_being_emptied_and_logs_it()
    {
        var warnings = new Warnings();
        using var host = new ApiHost(DatabaseProvider.Sqlite, services => services.AddSingleton<ILoggerProvider>(warnings));
        var admin = host.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", ApiHost.AdminKey);
        await TestDatabase.ResetAsync(host);
        var person = await Keyed(admin, Routes.Contacts, new NewContact(Name) { Email = Email });

        await using var reader = new SqliteConnection(host.ConnectionString);
        await reader.OpenAsync();
        using var snapshot = reader.BeginTransaction(deferred: true);
        Assert.That(await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contacts", transaction: snapshot), Is.EqualTo(1));
        var erasure = await admin.SendAsync(HttpMethod.Post, $"{Routes.Contacts}/{person.Id()}/erasure", Requests.ETag(person),
            RequestBody.Content(new { reason = "Request of the data subject" }));

        Assert.That((string)(await erasure.JsonAsync(HttpStatusCode.OK))["contact"]!["fullName"]!, Does.StartWith("Erased person "));
        Assert.That(warnings.Messages, Has.One.Contains("write-ahead log"), "the reader's older snapshot keeps the checkpoint from finishing");
    }

    [Test]
    public async Task Migrating_rewrites_once_a_file_that_still_holds_what_was_deleted_before_secure_delete()
    {
        using var scratch = new ScratchSqlite();
        var file = new SqliteConnectionStringBuilder(scratch.ConnectionString).DataSource;
        await using (var connection = new SqliteConnection(scratch.ConnectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"""
                PRAGMA secure_delete = OFF;
                CREATE TABLE old_notes (text TEXT NOT NULL);
                INSERT INTO old_notes (text) VALUES ('{Email}');
                DELETE FROM old_notes;
                """);
        }
        SqliteConnection.ClearAllPools();
        Assert.That(Holds(file, Email), Is.True, "deleted without secure_delete, the value stays in the file");

        new Migrator(scratch.Connections, NullLogger<Migrator>.Instance).Migrate();

        Assert.That(Holds(file, Email) || Holds(file + "-wal", Email), Is.False);
        await using var migrated = new SqliteConnection(scratch.ConnectionString);
        Assert.That(await migrated.ExecuteScalarAsync<long>("PRAGMA user_version"), Is.EqualTo(Migrator.SecureDeleteBaseline), "not again at the next start");
    }

    private static bool Holds(string path, string value)
    {
        if (!File.Exists(path)) return false;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;
    }

    private sealed class Warnings : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Dispose() { }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Messages.Enqueue(formatter(state, exception));
        }
    }

    private static async Task<JsonObject> Keyed(HttpClient client, string route, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = RequestBody.Content(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await (await client.SendAsync(request)).JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>Each value found, with the file and the encoding it was found in.</summary>
    private static List<string> Occurrences(ApiHost host)
    {
        var file = new SqliteConnectionStringBuilder(host.ConnectionString).DataSource;
        var forms = new[] { Name, Email, Phone, Name.ToLowerInvariant(), FormerName, FormerEmail, FormerPhone, FormerName.ToLowerInvariant() }
            .SelectMany(v => new[] { v, JsonSerializer.Serialize(v)[1..^1] })
            .Distinct()
            .SelectMany(v => new[] { ("utf-8", Encoding.UTF8.GetBytes(v)), ("utf-16le", Encoding.Unicode.GetBytes(v)), ("utf-16be", Encoding.BigEndianUnicode.GetBytes(v)) }
                .Select(e => (Value: v, Encoding: e.Item1, Bytes: e.Item2)))
            .ToList();
        var found = new List<string>();
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            found.AddRange(forms.Where(f => bytes.AsSpan().IndexOf(f.Bytes) >= 0).Select(f => $"{f.Value} ({f.Encoding}) in {Path.GetFileName(path)}"));
        }
        return found;
    }
}
