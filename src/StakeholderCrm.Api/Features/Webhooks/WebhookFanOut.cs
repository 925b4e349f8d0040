using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>
/// Turns the change log, written in every command's transaction, into messages (ADR 020): the changes after the
/// cursor, in the feed's order, each a message with a delivery per active subscription that asks for its type and was
/// created before it (events about sensitive records to cleared subscriptions only), and the cursor moved past them,
/// in one transaction. Another instance that moved the cursor first makes this round write nothing.
/// </summary>
/// <summary>What a round did: whether it fanned changes out (another round may find more at once), and whether any subscription listens.</summary>
internal readonly record struct FanOutRound(bool FannedOut, bool Listening);

internal sealed class WebhookFanOut(DbSession session, UnitOfWork unitOfWork, TimeProvider clock, IOptions<WebhookOptions> options)
{
    private const int Take = 500;

    private static readonly SqlText StartCursor = new(
        Sqlite: """
            INSERT INTO webhook_fanout (id, last_position) SELECT 1, (SELECT COALESCE(MAX(c.sequence), 0) FROM changes c)
            WHERE NOT EXISTS (SELECT 1 FROM webhook_fanout f WHERE f.id = 1)
            """,
        SqlServer: """
            INSERT INTO webhook_fanout (id, last_position)
            SELECT 1, (SELECT COALESCE(CAST(MAX(c.commit_order) AS bigint), 0) FROM changes c WHERE c.commit_order < MIN_ACTIVE_ROWVERSION())
            WHERE NOT EXISTS (SELECT 1 FROM webhook_fanout f WHERE f.id = 1)
            """);

    private static readonly SqlText Cursor = SqlText.Portable("SELECT last_position FROM webhook_fanout WHERE id = 1");

    /// <summary>
    /// A status change of a commitment or membership is an update in the feed; its event says transitioned, so that a
    /// receiver can ask for status changes alone. It is told by the status of the entity's change before.
    /// </summary>
    private const string Transitions = "c.entity_type IN ('commitment', 'membership') AND c.operation = 'updated'";

    private static readonly SqlText Changes = new(
        Sqlite: $"""
            SELECT c.sequence AS position, c.entity_type, c.entity_id, c.operation, c.version, c.occurred_at,
                CASE WHEN {SensitiveRecords.VisibleEntity("c.entity_id")} THEN 0 ELSE 1 END AS sensitive,
                CASE WHEN {Transitions} AND json_extract(c.data, '$.status') IS NOT (
                    SELECT json_extract(p.data, '$.status') FROM changes p
                    WHERE p.entity_type = c.entity_type AND p.entity_id = c.entity_id AND p.sequence < c.sequence
                    ORDER BY p.sequence DESC LIMIT 1) THEN 1 ELSE 0 END AS transitioned
            FROM changes c WHERE c.sequence > @After ORDER BY c.sequence LIMIT @Take
            """,
        SqlServer: $"""
            SELECT TOP (@Take) CAST(c.commit_order AS bigint) AS position, c.entity_type, c.entity_id, c.operation, c.version, c.occurred_at,
                CASE WHEN {SensitiveRecords.VisibleEntity("c.entity_id")} THEN 0 ELSE 1 END AS sensitive,
                CASE WHEN {Transitions} AND EXISTS (
                    SELECT 1 FROM (
                        SELECT TOP (1) JSON_VALUE(p.data, '$.status') AS status FROM changes p
                        WHERE p.entity_type = c.entity_type AND p.entity_id = c.entity_id AND p.sequence < c.sequence ORDER BY p.sequence DESC) previous
                    WHERE previous.status IS NULL OR previous.status <> JSON_VALUE(c.data, '$.status')) THEN 1 ELSE 0 END AS transitioned
            FROM changes c
            WHERE c.commit_order > CAST(@After AS binary(8)) AND c.commit_order < MIN_ACTIVE_ROWVERSION() ORDER BY c.commit_order
            """);

    private static readonly SqlText ActiveSubscriptions = SqlText.Portable("SELECT id, event_types, cleared, created_at FROM webhook_subscriptions WHERE active = 1");

    private static readonly SqlText Advance = SqlText.Portable("UPDATE webhook_fanout SET last_position = @Position WHERE id = 1 AND last_position = @After");

    private static readonly SqlText End = new(
        Sqlite: "SELECT COALESCE(MAX(sequence), 0) FROM changes",
        SqlServer: "SELECT COALESCE(CAST(MAX(commit_order) AS bigint), 0) FROM changes WHERE commit_order < MIN_ACTIVE_ROWVERSION()");

    /// <summary>Fans out one batch of changes.</summary>
    public async Task<FanOutRound> RunAsync(CancellationToken cancellationToken)
    {
        var after = await session.QuerySingleOrDefaultAsync<long?>(Cursor, null, cancellationToken);
        if (after is null)
        {
            try
            {
                await unitOfWork.RunAsync(() => session.ExecuteAsync(StartCursor, null, cancellationToken), null, cancellationToken);
            }
            catch (UniqueConstraintViolation)
            {
                // Another instance started it first.
            }
            return new FanOutRound(FannedOut: true, Listening: true);
        }
        // The end is read before the subscriptions: one created after that read was created after every change up to it.
        var end = await session.ExecuteScalarAsync<long>(End, null, cancellationToken);
        var subscriptions = (await session.QueryAsync<Subscription>(ActiveSubscriptions, null, cancellationToken)).ToList();
        if (subscriptions.Count == 0)
        {
            // Nobody listens: the cursor jumps to the end in one write rather than reading every change on the way.
            if (end > after) await unitOfWork.RunAsync(() => session.ExecuteAsync(Advance, new { Position = end, After = after }, cancellationToken), null, cancellationToken);
            return new FanOutRound(FannedOut: false, Listening: false);
        }
        var changes = (await session.QueryAsync<ChangeRow>(Changes, new { After = after, Take, Cleared = 0 }, cancellationToken)).ToList();
        if (changes.Count == 0) return new FanOutRound(FannedOut: false, Listening: true);

        var messages = new List<WebhookMessages.Message>();
        var deliveries = new List<WebhookMessages.Delivery>();
        foreach (var change in changes.Where(c => WebhookEventTypes.Routes.ContainsKey(c.EntityType)))
        {
            var type = WebhookEventTypes.Of(change.EntityType, change.Transitioned ? WebhookEventTypes.Transitioned : change.Operation);
            var receivers = subscriptions.Where(s => s.CreatedAt <= change.OccurredAt && (s.Cleared || !change.Sensitive)
                && WebhookEventTypes.Matches(s.EventTypes, type)).ToList();
            if (receivers.Count == 0) continue;
            var url = $"{options.Value.ApiBaseUrl.TrimEnd('/')}{WebhookEventTypes.Routes[change.EntityType]}/{change.EntityId}";
            var message = new WebhookMessages.Message(WebhookMessages.NewId(), type, change.EntityType, change.EntityId,
                WebhookMessages.ChangePayload(type, change.OccurredAt, change.EntityId, change.EntityType, change.Version, change.Position, url),
                change.Sensitive);
            messages.Add(message);
            deliveries.AddRange(receivers.Select(s => new WebhookMessages.Delivery(Guid.CreateVersion7(), s.Id, message.Id,
                $"{change.EntityType}:{change.EntityId}")));
        }

        await unitOfWork.RunAsync(async () =>
        {
            var moved = await session.ExecuteAsync(Advance, new { Position = changes[^1].Position, After = after }, cancellationToken);
            if (moved == 0) return 0;
            await WebhookMessages.WriteAsync(session, messages, deliveries, clock.GetUtcNow(), cancellationToken);
            return moved;
        }, null, cancellationToken);
        return new FanOutRound(FannedOut: true, Listening: true);
    }

    private sealed record ChangeRow
    {
        public long Position { get; init; }
        public string EntityType { get; init; } = "";
        public Guid EntityId { get; init; }
        public string Operation { get; init; } = "";
        public int Version { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public bool Sensitive { get; init; }
        public bool Transitioned { get; init; }
    }

    private sealed record Subscription
    {
        public Guid Id { get; init; }
        public IReadOnlyList<string> EventTypes { get; init; } = [];
        public bool Cleared { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}
