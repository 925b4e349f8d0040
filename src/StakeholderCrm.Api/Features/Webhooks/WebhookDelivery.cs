using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>pending (to be tried, or tried again), delivered (a 2xx), failed (a 410, or the retry window ran out), abandoned (its subscription was disabled).</summary>
public enum DeliveryStatus { Pending, Delivered, Failed, Abandoned }

/// <summary>One message to one subscription, and every attempt to send it.</summary>
public sealed record WebhookDeliveryResponse
{
    public Guid Id { get; init; }
    /// <summary>The webhook-id header: the same on every attempt, for the receiver to de-duplicate by.</summary>
    public string MessageId { get; init; } = "";
    /// <example>engagement.created</example>
    public string Type { get; init; } = "";
    public DeliveryStatus Status { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public int? LastStatus { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The body sent, as sent.</summary>
    public StoredJson Payload { get; init; }
    public IReadOnlyList<WebhookAttempt> AttemptLog { get; init; } = [];
}

/// <summary>One request to the receiver: when, its answer's status (null when none came), how long it took and what went wrong.</summary>
public sealed record WebhookAttempt
{
    public DateTimeOffset AttemptedAt { get; init; }
    public int? StatusCode { get; init; }
    public long DurationMs { get; init; }
    public string? Error { get; init; }
}

/// <summary>Reading deliveries with their attempts: two statements for any number of them.</summary>
internal static class WebhookDeliveryQueries
{
    public const string Columns = "d.id, m.id AS message_id, m.type, d.status, d.attempts, d.next_attempt_at, d.last_status, d.last_error, "
        + "d.delivered_at, d.created_at, m.payload, d.message_sequence";

    public static readonly SqlText ById = SqlText.Portable($"""
        SELECT {Columns} FROM webhook_deliveries d JOIN webhook_messages m ON m.sequence = d.message_sequence
        WHERE d.id = @DeliveryId AND d.subscription_id = @Id
        """);

    private static readonly SqlText Attempts = IdSet.Statement("""
        SELECT delivery_id, attempted_at, status_code, duration_ms, error FROM webhook_attempts WHERE delivery_id IN ({ids}) ORDER BY id
        """);

    public sealed record Row
    {
        public Guid Id { get; init; }
        public string MessageId { get; init; } = "";
        public string Type { get; init; } = "";
        public DeliveryStatus Status { get; init; }
        public int Attempts { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public int? LastStatus { get; init; }
        public string? LastError { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string Payload { get; init; } = "{}";
        public long MessageSequence { get; init; }
    }

    private sealed record AttemptRow
    {
        public Guid DeliveryId { get; init; }
        public DateTimeOffset AttemptedAt { get; init; }
        public int? StatusCode { get; init; }
        public long DurationMs { get; init; }
        public string? Error { get; init; }
    }

    public static async Task<WebhookDeliveryResponse> LoadAsync(DbSession session, Guid webhookId, Guid deliveryId, CancellationToken cancellationToken)
    {
        var row = await session.QuerySingleOrDefaultAsync<Row>(ById, new { Id = webhookId, DeliveryId = deliveryId }, cancellationToken)
                  ?? throw new NotFoundException("webhook delivery", deliveryId);
        return (await WithAttemptsAsync(session, new List<Row> { row }, cancellationToken))[0];
    }

    public static async Task<IReadOnlyList<WebhookDeliveryResponse>> WithAttemptsAsync(DbSession session, IReadOnlyList<Row> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var attempts = (await session.QueryAsync<AttemptRow>(Attempts, new { Ids = IdSet.Json(rows.Select(r => r.Id)) }, cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return rows.Select(r => new WebhookDeliveryResponse
        {
            Id = r.Id, MessageId = r.MessageId, Type = r.Type, Status = r.Status, Attempts = r.Attempts, NextAttemptAt = r.NextAttemptAt,
            LastStatus = r.LastStatus, LastError = r.LastError, DeliveredAt = r.DeliveredAt, CreatedAt = r.CreatedAt, Payload = new StoredJson(r.Payload),
            AttemptLog = attempts[r.Id].Select(a => new WebhookAttempt
            {
                AttemptedAt = a.AttemptedAt, StatusCode = a.StatusCode, DurationMs = a.DurationMs, Error = a.Error,
            }).ToList(),
        }).ToList();
    }
}
