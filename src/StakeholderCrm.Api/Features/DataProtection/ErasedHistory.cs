using System.Text.Json;
using System.Text.Json.Nodes;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>The erased values scrubbed from history snapshots and stored idempotent answers.</summary>
internal static class ErasedHistory
{
    private static readonly SqlText ContactHistory = SqlText.Portable(
        "UPDATE changes SET data = @Data WHERE entity_type = @EntityType AND entity_id = @Id");
    private static readonly SqlText HistoryHolding = ErasedValues.Holding("sequence, data", "changes", "data");
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
    private static readonly SqlText AnswersHolding = ErasedValues.Holding("caller, idempotency_key, body", "idempotency_keys", "body");
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

    /// <summary>
    /// The contact's own snapshots become its erased state; every other snapshot and stored answer gets the pseudonym for
    /// each name the person had and "[erased]" for each e-mail and phone.
    /// </summary>
    public static async Task ScrubAsync(DbSession session, ErasedValues erased, ContactResponse contact, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(ContactHistory, new
        {
            Data = JsonSerializer.Serialize(contact, Json.Options), EntityType = ContactQueries.EntityType, contact.Id,
        }, cancellationToken);
        var history = (await session.QueryAsync<(long Sequence, string Data)>(HistoryHolding, erased.Patterns(), cancellationToken))
            .Select(h => new { h.Sequence, h.Data, Scrubbed = Scrub(erased, h.Data) }).Where(h => h.Scrubbed != h.Data)
            .Select(h => new { h.Sequence, Data = h.Scrubbed }).ToList();
        if (history.Count > 0) await session.ExecuteAsync(WriteHistory, new { Rows = JsonRows.Json(history) }, cancellationToken);
        var answers = (await session.QueryAsync<(string Caller, string IdempotencyKey, string Body)>(AnswersHolding, erased.Patterns(), cancellationToken))
            .Select(a => new { a.Caller, a.IdempotencyKey, a.Body, Scrubbed = Scrub(erased, a.Body) }).Where(a => a.Scrubbed != a.Body)
            .Select(a => new { a.Caller, a.IdempotencyKey, Body = a.Scrubbed }).ToList();
        if (answers.Count > 0) await session.ExecuteAsync(WriteAnswers, new { Rows = JsonRows.Json(answers) }, cancellationToken);
    }

    /// <summary>
    /// The erased values replaced inside the JSON's string values only: a replace over the whole text could rewrite numbers,
    /// times and property names and leave JSON that no longer reads.
    /// </summary>
    private static string Scrub(ErasedValues erased, string text)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return erased.Replace(text, erased.Pseudonym);
        }
        if (document is JsonValue whole && whole.GetValueKind() == JsonValueKind.String)
        {
            return JsonValue.Create(erased.Replace(whole.GetValue<string>(), erased.Pseudonym)).ToJsonString(Json.Options);
        }
        ScrubIn(erased, document);
        return document?.ToJsonString(Json.Options) ?? text;
    }

    private static void ScrubIn(ErasedValues erased, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject values:
                foreach (var (name, child) in values.ToList())
                {
                    if (IsText(child, out var text)) values[name] = erased.Replace(text, erased.Pseudonym);
                    else ScrubIn(erased, child);
                }
                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (IsText(items[i], out var text)) items[i] = erased.Replace(text, erased.Pseudonym);
                    else ScrubIn(erased, items[i]);
                }
                break;
        }
    }

    private static bool IsText(JsonNode? node, out string text)
    {
        var isText = node is JsonValue value && value.GetValueKind() == JsonValueKind.String;
        text = isText ? node!.GetValue<string>() : "";
        return isText;
    }
}
