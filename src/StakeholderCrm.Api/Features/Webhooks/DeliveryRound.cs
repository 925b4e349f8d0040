using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>
/// One round of delivery: claim the due deliveries whose record has no earlier delivery still pending to the same
/// subscription (order per entity), send them, and record each attempt. On SQL Server several instances claim side by
/// side: UPDLOCK and READPAST skip the rows another holds, and the lease lets another take them over should this
/// instance die. On SQLite one process delivers.
/// </summary>
internal sealed class DeliveryRound(DbSession session, UnitOfWork unitOfWork, WebhookSender sender, RetrySchedule schedule, TimeProvider clock,
    IOptions<WebhookOptions> options)
{
    private const string Due = """
        d.status = 'pending' AND d.next_attempt_at <= @Now AND (d.lease_until IS NULL OR d.lease_until < @Now) AND s.active = 1
            AND (s.cleared = 1 OR m.sensitive = 0)
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                WHERE e.subscription_id = d.subscription_id AND e.entity_key = d.entity_key AND e.status = 'pending'
                    AND e.message_sequence < d.message_sequence)
        """;

    private static readonly SqlText Claim = new(
        Sqlite: $"""
            SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
                JOIN webhook_messages m ON m.sequence = d.message_sequence
            WHERE {Due}
            ORDER BY d.message_sequence LIMIT @Take
            """,
        SqlServer: $"""
            SELECT TOP (@Take) d.id FROM webhook_deliveries d WITH (UPDLOCK, READPAST, ROWLOCK)
                JOIN webhook_subscriptions s ON s.id = d.subscription_id JOIN webhook_messages m ON m.sequence = d.message_sequence
            WHERE {Due}
            ORDER BY d.message_sequence
            """);

    // A cheap look first, so that a round with nothing due takes no place among the writers.
    private static readonly SqlText AnyDue = SqlText.Portable("""
        SELECT CASE WHEN EXISTS (SELECT 1 FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= @Now AND s.active = 1) THEN 1 ELSE 0 END
        """);

    private static readonly SqlText Lease = IdSet.Statement("UPDATE webhook_deliveries SET lease_until = @LeaseUntil WHERE id IN ({ids})");

    private static readonly SqlText Claimed = IdSet.Statement("""
        SELECT d.id, d.attempts, d.started_at, m.id AS message_id, m.payload, s.id AS subscription_id, s.url, s.secret_protected,
            s.previous_secret_protected, s.previous_secret_expires_at
        FROM webhook_deliveries d
            JOIN webhook_messages m ON m.sequence = d.message_sequence
            JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.id IN ({ids})
        ORDER BY d.message_sequence
        """);

    // The subscription may have been deleted, with its deliveries, while this round was sending.
    private static readonly SqlText InsertAttempt = SqlText.Portable("""
        INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, duration_ms, error)
        SELECT @Id, @AttemptedAt, @StatusCode, @DurationMs, @Error WHERE EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = @Id)
        """);

    private static readonly SqlText Record = SqlText.Portable("""
        UPDATE webhook_deliveries SET status = @Status, attempts = attempts + 1, next_attempt_at = @NextAttemptAt, lease_until = NULL,
            last_status = @StatusCode, last_error = @Error, delivered_at = @DeliveredAt
        WHERE id = @Id AND status = 'pending' AND lease_until = @LeaseUntil
        """);

    private static readonly SqlText Disable = SqlText.Portable("""
        UPDATE webhook_subscriptions SET active = 0, disabled_reason = @Reason, disabled_at = @Now, version = version + 1, updated_at = @Now
        WHERE id = @Id AND active = 1
        """);

    private static readonly SqlText Abandon = SqlText.Portable("""
        UPDATE webhook_deliveries SET status = 'abandoned', next_attempt_at = NULL, lease_until = NULL WHERE subscription_id = @Id AND status = 'pending'
        """);

    /// <summary>Sends what is due; true when something was delivered, so that what waited behind it can go at once.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await session.ExecuteScalarAsync<long>(AnyDue, new { Now = now }, cancellationToken) == 0) return false;
        var leaseUntil = now + options.Value.Timeout * 2 + TimeSpan.FromSeconds(5);
        var ids = await unitOfWork.RunAsync(async () =>
        {
            var due = (await session.QueryAsync<Guid>(Claim, new { Now = now, Take = options.Value.BatchSize }, cancellationToken)).ToList();
            if (due.Count > 0) await session.ExecuteAsync(Lease, new { Ids = IdSet.Json(due), LeaseUntil = leaseUntil }, cancellationToken);
            return due;
        }, null, cancellationToken, beginNow: true);
        if (ids.Count == 0) return false;

        var deliveries = (await session.QueryAsync<DueDelivery>(Claimed, new { Ids = IdSet.Json(ids) }, cancellationToken)).ToList();
        var outcomes = await Task.WhenAll(deliveries.Select(d => sender.SendAsync(d, cancellationToken)));
        await unitOfWork.RunAsync(async () =>
        {
            for (var i = 0; i < deliveries.Count; i++) await RecordAsync(deliveries[i], outcomes[i], leaseUntil, cancellationToken);
            return 0;
        }, null, cancellationToken);
        return outcomes.Any(o => o.Delivered);
    }

    private async Task RecordAsync(DueDelivery delivery, AttemptOutcome outcome, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(InsertAttempt, new { delivery.Id, outcome.AttemptedAt, outcome.StatusCode, outcome.DurationMs, outcome.Error },
            cancellationToken);
        // Waits count from the answer, as Retry-After does.
        var next = outcome.Delivered || outcome.StatusCode == 410 ? null
            : schedule.Next(delivery.Attempts + 1, delivery.StartedAt, outcome.AttemptedAt.AddMilliseconds(outcome.DurationMs), outcome.RetryAfter);
        var status = outcome.Delivered ? "delivered" : next is null ? "failed" : "pending";
        // Only while this round's lease holds and the delivery is still pending: another instance may have taken over
        // a lease that ran out, and a 410 earlier in this round may have abandoned the subscription's deliveries.
        var recorded = await session.ExecuteAsync(Record, new
        {
            delivery.Id, Status = status, NextAttemptAt = next, outcome.StatusCode, outcome.Error,
            DeliveredAt = outcome.Delivered ? outcome.AttemptedAt : (DateTimeOffset?)null, LeaseUntil = leaseUntil,
        }, cancellationToken);
        if (recorded == 0 || status != "failed") return;

        var reason = outcome.StatusCode == 410
            ? $"The receiver answered 410 Gone to message {delivery.MessageId}."
            : $"Message {delivery.MessageId} failed for the whole retry window ({options.Value.RetryWindow}); the last attempt: {outcome.Error}";
        if (reason.Length > 1000) reason = reason[..1000];
        await session.ExecuteAsync(Disable, new { Id = delivery.SubscriptionId, Reason = reason, Now = outcome.AttemptedAt }, cancellationToken);
        await session.ExecuteAsync(Abandon, new { Id = delivery.SubscriptionId }, cancellationToken);
    }
}
