using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>
/// Every name, e-mail and phone an erased person ever had (the current ones and those in their own history), how to find
/// them in a text column, and how to replace them in a text: names as whole words and e-mails in any case, phones as written.
/// </summary>
internal sealed class ErasedValues
{
    // A text that outruns the timeout fails the erasure, which then rolls back: better no erasure than one that left the person.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // An extension such as "2021" is also a year, a version, a part of an id: looked for inside text it would rewrite
    // those. It is cleared in its own field and replaced where a whole value equals it, never inside other text.
    private const int MinimumPhoneDigits = 6;

    // A pattern that keeps fewer letters or digits than this (a Greek or Chinese name) would match almost every row.
    private const int MinimumPatternLetters = 3;

    private static readonly SqlText ContactSnapshots = SqlText.Portable(
        "SELECT data FROM changes WHERE entity_type = @EntityType AND entity_id = @Id AND data IS NOT NULL");

    private readonly Regex? names;
    private readonly Regex? contactDetails;

    public ErasedValues(IEnumerable<string?> names, IEnumerable<string?> emails, IEnumerable<string?> phones, string pseudonym)
    {
        Names = Distinct(names, StringComparer.OrdinalIgnoreCase);
        Emails = Distinct(emails, StringComparer.OrdinalIgnoreCase);
        Phones = Distinct(phones, StringComparer.Ordinal);
        Pseudonym = pseudonym;
        // The longest first, so that "Petra Novakova" is taken whole rather than as "[erased]ova".
        this.names = Alternatives(Names.Select(n => Regex.Escape(n).Replace(@"\ ", @"\s+", StringComparison.Ordinal)), @"(?<!\w)(?:{0})(?!\w)");
        contactDetails = Alternatives(Emails.Concat(Phones.Where(IsLong)).Select(Regex.Escape), "(?:{0})");
    }

    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<string> Emails { get; }
    public IReadOnlyList<string> Phones { get; }
    public string Pseudonym { get; }

    /// <summary>The values <paramref name="current"/> holds and every one its own change rows held: a rename leaves the old name in replayed answers and others' history.</summary>
    public static async Task<ErasedValues> GatherAsync(DbSession session, ContactResponse current, string pseudonym, CancellationToken cancellationToken)
    {
        var snapshots = (await session.QueryAsync<string>(ContactSnapshots, new { EntityType = ContactQueries.EntityType, current.Id }, cancellationToken))
            .Select(Snapshot).OfType<JsonObject>().ToList();
        return new ErasedValues(
            snapshots.Select(s => Text(s, "fullName")).Prepend(current.FullName),
            snapshots.Select(s => Text(s, "email")).Prepend(current.Email),
            snapshots.Select(s => Text(s, "phone")).Prepend(current.Phone),
            pseudonym);
    }

    /// <summary>Whether <paramref name="text"/> holds any of the values, by the rule <see cref="Replace"/> follows.</summary>
    public bool AreIn(string text) => Replace(text, EraseContactHandler.Redaction) != text || IsWholeValue(text);

    /// <summary><paramref name="text"/> with each e-mail and phone as "[erased]" and each name as <paramref name="nameReplacement"/>.</summary>
    public string Replace(string text, string nameReplacement)
    {
        if (IsWholeValue(text)) return EraseContactHandler.Redaction;
        // E-mail and phone first: a name can be part of an address.
        text = contactDetails?.Replace(text, EraseContactHandler.Redaction) ?? text;
        return names?.Replace(text, nameReplacement.Replace("$", "$$", StringComparison.Ordinal)) ?? text;
    }

    /// <summary>
    /// @Patterns: a JSON array of LIKE patterns that every text holding a value matches, as written or as stored JSON escapes
    /// it, in any case; each a prefilter only, what it finds is checked with <see cref="AreIn"/>.
    /// </summary>
    public object Patterns() => new
    {
        Patterns = JsonSerializer.Serialize(Names.Concat(Emails).Concat(Phones.Where(IsLong)).SelectMany(LikePatterns).Distinct().ToList()),
    };

    /// <summary>
    /// The rows of <paramref name="table"/> whose <paramref name="column"/> matches one of <see cref="Patterns"/>. On SQL Server the
    /// collation is stated: a case-sensitive database would otherwise miss "PETRA NOVAK".
    /// </summary>
    public static SqlText Holding(string selected, string table, string column) => new(
        Sqlite: $@"SELECT {selected} FROM {table} WHERE EXISTS (SELECT 1 FROM json_each(@Patterns) p WHERE {column} LIKE p.value ESCAPE '\')",
        SqlServer: $@"SELECT {selected} FROM {table}
            WHERE EXISTS (SELECT 1 FROM OPENJSON(@Patterns) p WHERE {column} COLLATE Latin1_General_100_CI_AS LIKE p.[value] ESCAPE '\')");

    /// <summary>
    /// Writes @Text into <paramref name="column"/> of the row whose <paramref name="row"/> columns equal @Key0 (and @Key1); on SQL
    /// Server cut to the column's <paramref name="sqlServerLength"/> (0: unlimited), which "[erased]" in place of a shorter
    /// value could otherwise overflow.
    /// </summary>
    public static SqlText Rewrite(string table, string column, string row, int sqlServerLength)
    {
        var key = string.Join(" AND ", row.Split(", ").Select((k, i) => $"{k} = @Key{i}"));
        var capped = sqlServerLength > 0 ? $"LEFT(@Text, {sqlServerLength})" : "@Text";
        return new SqlText(
            Sqlite: $"UPDATE {table} SET {column} = @Text WHERE {key}",
            SqlServer: $"UPDATE {table} SET {column} = {capped} WHERE {key}");
    }

    private bool IsWholeValue(string text)
        => Emails.Contains(text.Trim(), StringComparer.OrdinalIgnoreCase) || Phones.Contains(text.Trim(), StringComparer.Ordinal);

    private static bool IsLong(string phone) => phone.Count(char.IsAsciiDigit) >= MinimumPhoneDigits;

    /// <summary>
    /// The value's ASCII letters and digits kept, anything else (a letter whose case or JSON escape differs, a space) a
    /// wildcard; with too few kept, the value as written, in lower and in upper case, each also as JSON escapes it.
    /// </summary>
    private static IEnumerable<string> LikePatterns(string value)
    {
        var skeleton = new StringBuilder("%");
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '@') skeleton.Append(c);
            else if (skeleton[^1] != '%') skeleton.Append('%');
        }
        if (skeleton[^1] != '%') skeleton.Append('%');
        if (skeleton.ToString().Count(char.IsAsciiLetterOrDigit) >= MinimumPatternLetters) return new[] { skeleton.ToString() };
        return new[] { value, value.ToLowerInvariant(), value.ToUpperInvariant() }
            .SelectMany(v => new[] { v, JsonSerializer.Serialize(v, Json.Options)[1..^1] })
            .Select(v => "%" + v.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
                .Replace("_", @"\_", StringComparison.Ordinal).Replace("[", @"\[", StringComparison.Ordinal) + "%");
    }

    private static Regex? Alternatives(IEnumerable<string> alternatives, string format)
    {
        var ordered = alternatives.OrderByDescending(a => a.Length).ToList();
        return ordered.Count == 0
            ? null
            : new Regex(string.Format(format, string.Join('|', ordered)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);
    }

    private static List<string> Distinct(IEnumerable<string?> values, StringComparer comparer)
        => values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(comparer).ToList();

    private static JsonNode? Snapshot(string data)
    {
        try
        {
            return JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject snapshot, string field)
        => snapshot[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
