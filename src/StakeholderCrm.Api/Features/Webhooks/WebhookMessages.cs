using System.Text.Json;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>
/// Messages and their deliveries, written set-based (one statement per table, rows as one JSON parameter) by the
/// fan-out and by a ping. A message's id is its <c>webhook-id</c>, the same on every retry.
/// </summary>
internal static class WebhookMessages
{
    public sealed record Message(string Id, string Type, string? EntityType, Guid? EntityId, string Payload, bool Sensitive);

    public sealed record Delivery(Guid Id, Guid SubscriptionId, string MessageId, string EntityKey);

    private static readonly SqlText InsertMessages = new(
        Sqlite: """
            INSERT INTO webhook_messages (id, type, entity_type, entity_id, payload, sensitive, created_at)
            SELECT json_extract(j.value, '$.id'), json_extract(j.value, '$.type'), json_extract(j.value, '$.entity_type'),
                json_extract(j.value, '$.entity_id'), json_extract(j.value, '$.payload'), json_extract(j.value, '$.sensitive'), @Now
            FROM json_each(@Rows) j ORDER BY j.key
            """,
        SqlServer: """
            INSERT INTO webhook_messages (id, type, entity_type, entity_id, payload, sensitive, created_at)
            SELECT r.id, r.type, r.entity_type, r.entity_id, r.payload, r.sensitive, @Now
            FROM OPENJSON(@Rows) WITH (row_no int '$.row_no', id nvarchar(40), type nvarchar(100), entity_type nvarchar(50),
                entity_id uniqueidentifier, payload nvarchar(max), sensitive bit) r
            ORDER BY r.row_no
            """);

    private static readonly SqlText InsertDeliveries = new(
        Sqlite: """
            INSERT INTO webhook_deliveries (id, subscription_id, message_sequence, entity_key, status, attempts, started_at, next_attempt_at, created_at)
            SELECT json_extract(j.value, '$.id'), json_extract(j.value, '$.subscription_id'), m.sequence, json_extract(j.value, '$.entity_key'),
                'pending', 0, @Now, @Now, @Now
            FROM json_each(@Rows) j JOIN webhook_messages m ON m.id = json_extract(j.value, '$.message_id')
            """,
        SqlServer: """
            INSERT INTO webhook_deliveries (id, subscription_id, message_sequence, entity_key, status, attempts, started_at, next_attempt_at, created_at)
            SELECT r.id, r.subscription_id, m.sequence, r.entity_key, N'pending', 0, @Now, @Now, @Now
            FROM OPENJSON(@Rows) WITH (id uniqueidentifier, subscription_id uniqueidentifier, message_id nvarchar(40), entity_key nvarchar(100)) r
            JOIN webhook_messages m ON m.id = r.message_id
            """);

    public static string NewId() => "msg_" + Guid.CreateVersion7().ToString("N");

    public static async Task WriteAsync(DbSession session, IReadOnlyList<Message> messages, IReadOnlyList<Delivery> deliveries, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return;
        var rows = JsonRows.Json(messages.Select((m, i) => new { RowNo = i, m.Id, m.Type, m.EntityType, m.EntityId, m.Payload, m.Sensitive }));
        await session.ExecuteAsync(InsertMessages, new { Rows = rows, Now = now }, cancellationToken);
        await session.ExecuteAsync(InsertDeliveries, new { Rows = JsonRows.Json(deliveries), Now = now }, cancellationToken);
    }

    /// <summary>The thin body: what changed and where to read it, never the record itself.</summary>
    public static string ChangePayload(string type, DateTimeOffset timestamp, Guid id, string entityType, int version, long changeSequence, string url)
        => JsonSerializer.Serialize(new { type, timestamp, data = new { id, entityType, version, changeSequence, url } }, Json.Options);

    /// <summary>As thin, with the date that falls due (a commitment's due date, a publication's deadline) for the change's place.</summary>
    public static string ReminderPayload(string type, DateTimeOffset timestamp, Guid id, string entityType, int version, DateOnly dueDate, string url)
        => JsonSerializer.Serialize(new { type, timestamp, data = new { id, entityType, version, dueDate, url } }, Json.Options);

    public static string PingPayload(DateTimeOffset timestamp, Guid webhookId)
        => JsonSerializer.Serialize(new { type = WebhookEventTypes.Ping, timestamp, data = new { webhookId } }, Json.Options);
}
