using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Benchmarks;

/// <summary>How much data: <c>small</c> for CI and quick runs, <c>large</c> for the scale targets.</summary>
public sealed record DataSize(string Name, int Organisations, int Contacts, int Topics, int Engagements, int Commitments, int Bodies, int Memberships,
    int Figures)
{
    public static readonly DataSize Small = new("small", 1_000, 3_000, 50, 10_000, 5_000, 20, 1_000, 5_000);
    public static readonly DataSize Large = new("large", 100_000, 300_000, 200, 1_000_000, 500_000, 200, 100_000, 500_000);

    public static DataSize Parse(string name)
        => name switch { "small" => Small, "large" => Large, _ => throw new ArgumentException($"Unknown size '{name}': small or large.") };
}

/// <summary>
/// Writes a seeded, deterministic dataset straight into a migrated SQLite database with prepared commands in large
/// transactions, printing rows per second as it goes. Organisation 0 is the busiest (a skewed share of engagements),
/// as a platform like TikTok would be.
/// <paramref name="registered"/> (<c>--register-ids</c>, issue 20): every organisation that is an interest representative
/// (company, NGO, association, academic) has a Transparency Register id, a register was imported with an entry for each
/// (registered since 2015; those numbered 7 modulo 10 delisted on 2022-01-01), and each engagement's first participant attended as an
/// internal director-general, so that engagements meeting an interest representative must be published.
/// </summary>
public sealed class DataGenerator(DataSize size, string path, bool registered = false)
{
    private const int Seed = 20210628;
    private const int RowsPerTransaction = 50_000;
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Vocabulary = BuildVocabulary();
    private readonly Random random = new(Seed);
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private SqliteConnection connection = null!;
    private SqliteTransaction transaction = null!;
    private long rows;
    private long rowsInTransaction;
    private long reported;

    public static Guid Id(int kind, long n)
    {
        Span<byte> bytes = stackalloc byte[16];
        var stamp = 1_600_000_000_000L + n;
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(stamp >> (8 * (5 - i)));
        bytes[6] = (byte)(0x70 | (kind & 0x0F));
        bytes[7] = (byte)(n >> 24);
        bytes[8] = (byte)(0x80 | ((n >> 16) & 0x3F));
        bytes[9] = (byte)(n >> 8);
        bytes[10] = (byte)n;
        bytes[11] = (byte)kind;
        return new Guid(bytes, bigEndian: true);
    }

    public static Guid OrganisationId(int n) => Id(1, n);
    public static Guid ContactId(int n) => Id(2, n);
    public static Guid EngagementId(int n) => Id(4, n);

    /// <summary>A word that key points use often, for the search scenario.</summary>
    public static string FrequentWord => Vocabulary[3];

    public async Task<long> RunAsync()
    {
        if (File.Exists(path)) File.Delete(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var factory = new ConnectionFactory(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }, $"Data Source={path}", folder);
        new Migrator(factory, NullLogger<Migrator>.Instance).Migrate();

        connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -200000;");
        transaction = connection.BeginTransaction();

        Organisations();
        Contacts();
        Topics();
        Engagements();
        Commitments();
        BodiesAndMemberships();
        Figures();

        transaction.Commit();
        await Exec("PRAGMA foreign_keys = ON; ANALYZE;");
        await connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Progress(final: true);
        return rows;
    }

    private void Organisations()
    {
        using var insert = Prepare("""
            INSERT INTO organisations (id, name, name_key, kind, internal, transparency_register_id, country, aliases, tags, notes, external_ids, version,
            created_at, updated_at, archived)
            VALUES ($id, $name, $key, $kind, $internal, $code, $country, '[]', '[]', NULL, '[]', 1, $at, $at, 0)
            """);
        using var entry = Prepare("""
            INSERT INTO register_entries (identification_code, name, name_key, acronym, category, country, website, registered_on, listed, delisted_on,
            content_hash, updated_at)
            VALUES ($code, $name, $key, NULL, 'Companies & groups', 'IRELAND', NULL, '2015-01-01', $listed, $delisted, $code, $at)
            """);
        using var term = Prepare("INSERT INTO search_terms (entity_type, term, entity_id) VALUES ('organisation', $term, $id)");
        string[] kinds = ["company", "ngo", "association", "publicAuthority", "academic"];
        for (var n = 0; n < size.Organisations; n++)
        {
            var name = n == 0 ? "TikTok Technology Ltd" : $"{Vocabulary[n % Vocabulary.Length]} {Vocabulary[(n * 7) % Vocabulary.Length]} {n}";
            var id = OrganisationId(n);
            var kind = n % 20 == 1 ? "euInstitution" : kinds[n % kinds.Length];
            var code = registered && kind is not ("euInstitution" or "publicAuthority") ? RegisterId(n) : null;
            Run(insert, ("$id", id.ToString()), ("$name", name), ("$key", Text.Key(name)), ("$kind", kind), ("$internal", n % 20 == 1 ? 1 : 0),
                ("$code", (object?)code ?? DBNull.Value), ("$country", "IE"), ("$at", Time(n)));
            if (code is not null)
            {
                var delisted = n % 10 == 7;
                Run(entry, ("$code", code), ("$name", name), ("$key", Text.Key(name)), ("$listed", delisted ? 0 : 1),
                    ("$delisted", delisted ? "2022-01-01" : DBNull.Value), ("$at", Time(n)));
            }
            foreach (var t in Text.SearchTerms([name])) Run(term, ("$term", t), ("$id", id.ToString()));
            Change("organisation", id, $$"""{"id":"{{id}}","name":"{{name}}"}""", n);
        }
        if (!registered) return;
        using var import = Prepare("""
            INSERT INTO register_imports (id, imported_at, imported_by, file_date, effective_on, entries, added, changed, unchanged, no_longer_listed)
            VALUES ($id, $at, 'generator', '2026-01-01', '2026-01-01', $entries, $entries, 0, 0, 0)
            """);
        Run(import, ("$id", Id(11, 0).ToString()), ("$at", Time(0)), ("$entries", size.Organisations));
    }

    /// <summary>A well-formed identification code: 12 digits, a hyphen and 2 digits.</summary>
    public static string RegisterId(int n) => $"{n + 1:000000000000}-{n % 100:00}";

    private void Contacts()
    {
        using var insert = Prepare("""
            INSERT INTO contacts (id, full_name, name_key, email, positions, current_organisation_id, current_title, external_ids, version, created_at,
            updated_at, archived)
            VALUES ($id, $name, $key, NULL, $positions, $org, $title, '[]', 1, $at, $at, 0)
            """);
        using var position = Prepare("INSERT INTO contact_positions (contact_id, position_no, organisation_id, from_date, to_date) VALUES ($id, 0, $org, "
            + "'2020-01-01', NULL)");
        for (var n = 0; n < size.Contacts; n++)
        {
            var id = ContactId(n);
            var org = OrganisationId(n % size.Organisations);
            var name = $"Person {n}";
            Run(insert, ("$id", id.ToString()), ("$name", name), ("$key", Text.Key(name)),
                ("$positions", $$"""[{"organisationId":"{{org}}","title":"Officer","from":"2020-01-01","to":null}]"""), ("$org", org.ToString()),
                ("$title", "Officer"), ("$at", Time(n)));
            Run(position, ("$id", id.ToString()), ("$org", org.ToString()));
        }
    }

    private void Topics()
    {
        using var insert = Prepare("""
            INSERT INTO topics (id, name, name_key, parent_id, description, version, created_at, updated_at, archived)
            VALUES ($id, $name, $key, NULL, NULL, 1, $at, $at, 0)
            """);
        for (var n = 0; n < size.Topics; n++)
        {
            var name = $"Topic {n}";
            Run(insert, ("$id", Id(3, n).ToString()), ("$name", name), ("$key", Text.Key(name)), ("$at", Time(n)));
        }
    }

    private void Engagements()
    {
        using var insert = Prepare("""
            INSERT INTO engagements (id, title, kind, status, starts_at, ends_at, location, purpose, summary, author_id, confidentiality, external_ids, version,
            created_at, updated_at, archived, meeting_date)
            VALUES ($id, $title, 'meeting', 'held', $starts, NULL, 'Brussels', NULL, NULL, $author, 'internal', '[]', 1, $at, $at, 0, substr($starts, 1, 10))
            """);
        using var met = Prepare("INSERT INTO engagement_organisations (engagement_id, position, organisation_id, starts_at) VALUES ($id, $pos, $org, $starts)");
        using var participant = Prepare("""
            INSERT INTO engagement_participants (engagement_id, position, contact_id, side, role, attended, title, organisation_id, starts_at,
            staff_function)
            VALUES ($id, $pos, $contact, $side, NULL, 1, 'Officer', $org, $starts, $function)
            """);
        using var topic = Prepare("INSERT INTO engagement_topics (engagement_id, position, topic_id, starts_at) VALUES ($id, $pos, $topic, $starts)");
        using var point = Prepare("INSERT INTO engagement_key_points (engagement_id, position, section, text) VALUES ($id, $pos, $section, $text)");
        using var link = Prepare("INSERT INTO engagement_links (engagement_id, position, url, title) VALUES ($id, 0, $url, 'Report')");
        using var recipient = Prepare("INSERT INTO engagement_distribution (engagement_id, position, contact_id, kind) VALUES ($id, $pos, $contact, 'to')");
        using var word = Prepare("INSERT INTO engagement_words (word, engagement_id) VALUES ($word, $id)");
        for (var n = 0; n < size.Engagements; n++)
        {
            var id = EngagementId(n).ToString();
            var title = $"Meeting {n}";
            var starts = Time(n * 131L % (5 * 365 * 24 * 60));
            Run(insert, ("$id", id), ("$title", title), ("$starts", starts), ("$author", ContactId(n % size.Contacts).ToString()), ("$at", Time(n)));
            var organisations = new[] { n % 10 == 0 ? 0 : random.Next(size.Organisations), random.Next(size.Organisations) }.Distinct().ToArray();
            for (var i = 0; i < organisations.Length; i++) Run(met, ("$id", id), ("$pos", i), ("$org", OrganisationId(organisations[i]).ToString()),
                ("$starts", starts));
            var contacts = Enumerable.Range(0, 3).Select(_ => random.Next(size.Contacts)).Distinct().ToArray();
            for (var i = 0; i < contacts.Length; i++)
            {
                var director = registered && i == 0;
                Run(participant, ("$id", id), ("$pos", i), ("$contact", ContactId(contacts[i]).ToString()),
                    ("$side", director ? "internal" : "external"), ("$org", OrganisationId(contacts[i] % size.Organisations).ToString()), ("$starts", starts),
                    ("$function", director ? "directorGeneral" : DBNull.Value));
            }
            Run(topic, ("$id", id), ("$pos", 0), ("$topic", Id(3, n % size.Topics).ToString()), ("$starts", starts));
            var texts = new List<string> { title };
            for (var i = 0; i < 3; i++)
            {
                var text = string.Join(' ', Enumerable.Range(0, 6).Select(_ => Vocabulary[Skewed(Vocabulary.Length)]));
                texts.Add(text);
                Run(point, ("$id", id), ("$pos", i), ("$section", i == 0 ? "keyPoint" : "detail"), ("$text", text));
            }
            Run(link, ("$id", id), ("$url", $"https://example.org/reports/{n}"));
            Run(recipient, ("$id", id), ("$pos", 0), ("$contact", ContactId((n + 1) % size.Contacts).ToString()));
            foreach (var w in Text.Words(texts)) Run(word, ("$word", w), ("$id", id));
            Change("engagement", EngagementId(n), $$"""{"id":"{{id}}","title":"{{title}}"}""", n);
        }
    }

    private void Commitments()
    {
        using var insert = Prepare("""
            INSERT INTO commitments (id, title, description, direction, organisation_id, made_in_engagement_id, committed_by_id, owner_id, category, due_date,
            due_sort,
                target_event, topic_ids, external_ids, status, version, created_at, updated_at, archived)
            VALUES ($id, $title, NULL, 'theirs', $org, $engagement, NULL, NULL, 'presentation', $due, $due, NULL, '[]', '[]', $status, 1, $at, $at, 0)
            """);
        using var transition = Prepare("""
            INSERT INTO commitment_transitions (id, commitment_id, sequence, from_status, to_status, note, evidence_engagement_id, evidence_url, evidence_note,
            actor, occurred_at, organisation_id)
            VALUES ($tid, $id, $seq, $from, $to, NULL, NULL, NULL, NULL, 'generator', $at, $org)
            """);
        using var word = Prepare("INSERT INTO search_words (entity_type, word, entity_id) VALUES ('commitment', $word, $id)");
        string[] statuses = ["proposed", "open", "inProgress", "fulfilled", "withdrawn"];
        for (var n = 0; n < size.Commitments; n++)
        {
            var id = Id(5, n);
            var status = statuses[n % statuses.Length];
            var due = DateOnly.FromDateTime(Epoch.UtcDateTime).AddDays(n % 2500).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var title = $"Present {Vocabulary[n % Vocabulary.Length]} at meeting {n}";
            var organisation = OrganisationId(n % 10 == 0 ? 0 : n % size.Organisations).ToString();
            Run(insert, ("$id", id.ToString()), ("$title", title), ("$org", organisation),
                ("$engagement", EngagementId(n % size.Engagements).ToString()), ("$due", due), ("$status", status), ("$at", Time(n)));
            Run(transition, ("$tid", Id(6, 2L * n).ToString()), ("$id", id.ToString()), ("$seq", 0), ("$from", DBNull.Value), ("$to", "proposed"),
                ("$at", Time(n)), ("$org", organisation));
            if (status != "proposed")
            {
                Run(transition, ("$tid", Id(6, 2L * n + 1).ToString()), ("$id", id.ToString()), ("$seq", 1), ("$from", "proposed"), ("$to", status),
                    ("$at", Time(n + 1)), ("$org", organisation));
            }
            foreach (var w in Text.Words([title])) Run(word, ("$word", w), ("$id", id.ToString()));
            Change("commitment", id, $$"""{"id":"{{id}}","title":"{{title}}"}""", n);
        }
    }

    private void BodiesAndMemberships()
    {
        using var body = Prepare("INSERT INTO bodies (id, name, name_key, kind, convener_id, website, description, version, created_at, updated_at, "
            + "archived) VALUES ($id, $name, $key, 'forum', NULL, NULL, NULL, 1, $at, $at, 0)");
        for (var n = 0; n < size.Bodies; n++) Run(body, ("$id", Id(7, n).ToString()), ("$name", $"Forum {n}"), ("$key", $"forum {n}"), ("$at", Time(n)));
        using var membership = Prepare("""
            INSERT INTO memberships (id, organisation_id, body_id, status, since, until, source_engagement_id, notes, version, created_at, updated_at, archived)
            VALUES ($id, $org, $body, 'member', '2020-06-01', NULL, NULL, NULL, 1, $at, $at, 0)
            """);
        using var history = Prepare("""
            INSERT INTO membership_history (id, membership_id, sequence, status, effective_on, effective_at, note, actor, occurred_at, organisation_id)
            VALUES ($hid, $id, 0, 'member', '2020-06-01', '2020-06-01T00:00:00.0000000Z', NULL, 'generator', $at, $org)
            """);
        for (var n = 0; n < size.Memberships; n++)
        {
            var id = Id(8, n).ToString();
            var organisation = OrganisationId(n / size.Bodies % size.Organisations).ToString();
            Run(membership, ("$id", id), ("$org", organisation), ("$body", Id(7, n % size.Bodies).ToString()), ("$at", Time(n)));
            Run(history, ("$hid", Id(9, n).ToString()), ("$id", id), ("$at", Time(n)), ("$org", organisation));
        }
    }

    private void Figures()
    {
        using var insert = Prepare("""
            INSERT INTO figures (id, organisation_id, metric, metric_key, value, unit, scope, period_start, period_end, as_of, observed_on, observed_at,
                source_engagement_id, stated_by_id, note, version, created_at, updated_at, archived)
            VALUES ($id, $org, $metric, $metric, $value, 'count', 'Europe', NULL, NULL, $on, $on, $onAt, NULL, NULL, NULL, 1, $at, $at, 0)
            """);
        string[] metrics = ["users in europe", "videos removed", "trust and safety staff", "reports to ncmec"];
        for (var n = 0; n < size.Figures; n++)
        {
            var on = DateOnly.FromDateTime(Epoch.UtcDateTime).AddDays(n / metrics.Length % 2000);
            Run(insert, ("$id", Id(10, n).ToString()), ("$org", OrganisationId(n % 10 == 0 ? 0 : n % size.Organisations).ToString()),
                ("$metric", metrics[n % metrics.Length]),
                ("$value", (n * 37 % 100_000).ToString(CultureInfo.InvariantCulture)), ("$on", on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("$onAt", on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00.0000000Z"), ("$at", Time(n)));
        }
    }

    private SqliteCommand? changeInsert;

    private void Change(string entityType, Guid id, string data, long n)
    {
        changeInsert ??= Prepare("""
            INSERT INTO changes (entity_type, entity_id, operation, version, actor, occurred_at, data) VALUES ($type, $id, 'created', 1, 'generator', $at,
            $data)
            """);
        Run(changeInsert, ("$type", entityType), ("$id", id.ToString()), ("$at", Time(n)), ("$data", data));
    }

    /// <summary>Smaller indexes more often: a few words are common, most are rare.</summary>
    private int Skewed(int count) => (int)(count * Math.Pow(random.NextDouble(), 3));

    private static string Time(long minutes) => TypeHandlers.SqliteTime(Epoch.AddMinutes(minutes));

    private SqliteCommand Prepare(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private void Run(SqliteCommand command, params (string Name, object Value)[] values)
    {
        command.Transaction = transaction;
        if (command.Parameters.Count == 0)
        {
            foreach (var (name, _) in values) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            command.Prepare();
        }
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i].Value;
        command.ExecuteNonQuery();
        rows++;
        if (++rowsInTransaction >= RowsPerTransaction)
        {
            transaction.Commit();
            transaction = connection.BeginTransaction();
            rowsInTransaction = 0;
        }
        if (rows - reported >= 250_000) Progress(final: false);
    }

    private void Progress(bool final)
    {
        reported = rows;
        Console.WriteLine(
            $"{(final ? "generated" : "generating")} {size.Name}: {rows:N0} rows, {rows / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0} rows/s");
    }

    private async Task Exec(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string[] BuildVocabulary()
    {
        string[] stems = ["safety", "child", "dublin", "transparency", "forum", "content", "removal", "hate", "speech", "platform", "algorithm", "report",
            "terror", "video", "policy", "minor", "review", "europe", "data", "workshop", "visit", "member", "code", "signatory", "trust", "staff"];
        return Enumerable.Range(0, 2000).Select(i => i < stems.Length ? stems[i] : $"{stems[i % stems.Length]}{i}").ToArray();
    }
}
