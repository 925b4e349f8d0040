using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>
/// An erased person's name, e-mail and phone, the statements that find and redact them in a text column, and those that
/// scrub them from history snapshots and stored idempotent answers. Stored JSON escapes non-ASCII characters (System.Text.Json's
/// default encoder), so each value is looked for as written and as JSON writes it.
/// </summary>
internal sealed record ErasedValues(string Name, string? Email, string? Phone, string Pseudonym)
{
    private const string Matches = @"({0} LIKE @P0 ESCAPE '\' OR {0} LIKE @P1 ESCAPE '\' OR {0} LIKE @P2 ESCAPE '\')";

    private static readonly SqlText ContactHistory = SqlText.Portable(
        "UPDATE changes SET data = @Data WHERE entity_type = @EntityType AND entity_id = @Id");
    private static readonly SqlText HistoryHolding = SqlText.Portable($"""
        SELECT sequence, data FROM changes WHERE {string.Format(Matches, "data")} OR {string.Format(Matches, "data").Replace("@P", "@J")}
        """);
    private static readonly SqlText WriteHistory = new(
        Sqlite: """
            UPDATE changes SET data = r.data
            FROM (SELECT json_extract(j.value, '$.sequence') AS sequence, json_extract(j.value, '$.data') AS data FROM json_each(@Rows) j) r
            WHERE changes.sequence = r.sequence
            """,
        SqlServer: """
            UPDATE changes SET data = r.data
            FROM changes JOIN OPENJSON(@Rows) WITH (sequence bigint, data nvarchar(max)) r ON r.sequence = changes.sequence
            """);
    private static readonly SqlText AnswersHolding = SqlText.Portable($"""
        SELECT caller, idempotency_key, body FROM idempotency_keys
        WHERE {string.Format(Matches, "body")} OR {string.Format(Matches, "body").Replace("@P", "@J")}
        """);
    private static readonly SqlText WriteAnswers = new(
        Sqlite: """
            UPDATE idempotency_keys SET body = r.body
            FROM (SELECT json_extract(j.value, '$.caller') AS caller, json_extract(j.value, '$.idempotency_key') AS idempotency_key,
                json_extract(j.value, '$.body') AS body FROM json_each(@Rows) j) r
            WHERE idempotency_keys.caller = r.caller AND idempotency_keys.idempotency_key = r.idempotency_key
            """,
        SqlServer: """
            UPDATE idempotency_keys SET body = r.body
            FROM idempotency_keys JOIN OPENJSON(@Rows) WITH (caller nvarchar(100), idempotency_key nvarchar(255), body nvarchar(max)) r
                ON r.caller = idempotency_keys.caller AND r.idempotency_key COLLATE Latin1_General_100_BIN2 = idempotency_keys.idempotency_key
            """);
    /// <summary>Each value once, e-mail and phone first, as written: what free text holds.</summary>
    private IEnumerable<(string Value, string Replacement)> Written => new[]
        {
            (Email, EraseContactHandler.Redaction), (LongPhone, EraseContactHandler.Redaction), (Name, Pseudonym),
        }
        .Where(v => !string.IsNullOrWhiteSpace(v.Item1)).Select(v => (v.Item1!, v.Item2));

    // An extension such as "2021" is also a year, a version, a part of an id: looked for inside text it would rewrite
    // those. It is cleared in its own field and replaced where a whole value equals it, never inside other text.
    private const int MinimumPhoneDigits = 6;

    private string? LongPhone => Phone is { } phone && phone.Count(char.IsAsciiDigit) >= MinimumPhoneDigits ? phone : null;

    /// <summary>As written and as stored JSON escapes them, e-mail and phone first.</summary>
    private IEnumerable<(string Value, string Replacement)> Forms
        => Written.SelectMany(v => new[] { v, (JsonSerializer.Serialize(v.Value, Json.Options)[1..^1], v.Replacement) }).Distinct();

    /// <summary>The condition that <paramref name="column"/> holds one of the values as written (@P0..@P2).</summary>
    public static string Matching(string column) => string.Format(Matches, column);

    /// <summary>
    /// Replaces the values in <paramref name="column"/> with "[erased]", the e-mail and phone before the name, in case the name is
    /// part of either; on SQL Server cut to the column's <paramref name="sqlServerLength"/> (0: unlimited), which "[erased]" in
    /// place of a shorter value could otherwise overflow.
    /// </summary>
    public static SqlText Redaction(string table, string column, int sqlServerLength)
    {
        var replaced = $"REPLACE(REPLACE(REPLACE({column}, @V0, @Mark), @V1, @Mark), @V2, @Mark)";
        var capped = sqlServerLength > 0 ? $"LEFT({replaced}, {sqlServerLength})" : replaced;
        return new SqlText(
            Sqlite: $"UPDATE {table} SET {column} = {replaced} WHERE {Matching(column)}",
            SqlServer: $"UPDATE {table} SET {column} = {capped} WHERE {Matching(column)}");
    }

    /// <summary>The parameters of a <see cref="Redaction"/>: the patterns, each value as written (@V0..@V2, repeated when fewer) and the mark.</summary>
    public Dictionary<string, object?> RedactionParameters()
    {
        var values = Written.Select(v => v.Value).ToList();
        return new Dictionary<string, object?>(Patterns())
        {
            ["Mark"] = EraseContactHandler.Redaction,
            ["V0"] = values[0],
            ["V1"] = values[Math.Min(1, values.Count - 1)],
            ["V2"] = values[^1],
        };
    }

    /// <summary>
    /// The contact's own snapshots become its erased state; every other snapshot and stored answer gets the pseudonym for
    /// the name and "[erased]" for the e-mail and phone.
    /// </summary>
    public static async Task ScrubHistoryAsync(DbSession session, ErasedValues erased, ContactResponse contact, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(ContactHistory, new
        {
            Data = JsonSerializer.Serialize(contact, Json.Options), EntityType = ContactQueries.EntityType,
            contact.Id
        }, cancellationToken);
        var history = (await session.QueryAsync<(long Sequence, string Data)>(HistoryHolding, erased.Patterns(), cancellationToken))
            .Select(h => new { h.Sequence, Data = erased.Scrub(h.Data) }).ToList();
        if (history.Count > 0) await session.ExecuteAsync(WriteHistory, new { Rows = JsonRows.Json(history) }, cancellationToken);
        var answers = (await session.QueryAsync<(string Caller, string IdempotencyKey, string Body)>(AnswersHolding, erased.Patterns(), cancellationToken))
            .Select(a => new { a.Caller, a.IdempotencyKey, Body = erased.Scrub(a.Body) }).ToList();
        if (answers.Count > 0) await session.ExecuteAsync(WriteAnswers, new { Rows = JsonRows.Json(answers) }, cancellationToken);
    }

    /// <summary>
    /// The erased values replaced inside the JSON's string values only, the name as a whole word: a plain replace over
    /// the text could rewrite numbers, times and other words and leave JSON that no longer reads.
    /// </summary>
    private string Scrub(string text)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            foreach (var (value, replacement) in Forms) text = text.Replace(value, replacement, StringComparison.Ordinal);
            return text;
        }
        if (document is JsonValue whole && whole.GetValueKind() == JsonValueKind.String) return JsonValue.Create(ScrubText(whole.GetValue<string>())).ToJsonString();
        ScrubIn(document);
        return document?.ToJsonString(Json.Options) ?? text;
    }

    private void ScrubIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject values:
                foreach (var (name, child) in values.ToList())
                {
                    if (IsText(child, out var text)) values[name] = ScrubText(text);
                    else ScrubIn(child);
                }
                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (IsText(items[i], out var text)) items[i] = ScrubText(text);
                    else ScrubIn(items[i]);
                }
                break;
        }
    }

    private static bool IsText(JsonNode? node, out string text)
    {
        text = node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";
        return node is JsonValue { } v && v.GetValueKind() == JsonValueKind.String;
    }

    private string ScrubText(string text)
    {
        if (text == Phone || text == Email) return EraseContactHandler.Redaction;
        foreach (var value in new[] { Email, LongPhone }.OfType<string>()) text = text.Replace(value, EraseContactHandler.Redaction, StringComparison.Ordinal);
        return Regex.Replace(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(Name)}(?![\p{{L}}\p{{N}}])", Pseudonym.Replace("$", "$$", StringComparison.Ordinal));
    }

    /// <summary>@P0..@P2: LIKE patterns of the values as written; @J0..@J2: as JSON escapes them; null where there is no value.</summary>
    public Dictionary<string, object?> Patterns()
    {
        var written = Written.Select(v => v.Value).ToList();
        var parameters = new Dictionary<string, object?>();
        for (var i = 0; i < 3; i++)
        {
            var value = i < written.Count ? written[i] : null;
            parameters[$"P{i}"] = value is null ? null : Like(value);
            parameters[$"J{i}"] = value is null ? null : Like(JsonSerializer.Serialize(value, Json.Options)[1..^1]);
        }
        return parameters;
    }

    private static string Like(string value)
        => "%" + value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal).Replace("[", @"\[", StringComparison.Ordinal) + "%";
}
