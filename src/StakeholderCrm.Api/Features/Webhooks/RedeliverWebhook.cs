using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>Sends a delivery's message again, with the same webhook-id, now and with a fresh retry window.</summary>
public sealed record RedeliverWebhook(Guid Id, Guid DeliveryId) : ICommand<WebhookDeliveryResponse>;

public sealed class RedeliverWebhookHandler(DbSession session, TimeProvider clock) : IRequestHandler<RedeliverWebhook, WebhookDeliveryResponse>
{
    private static readonly SqlText Redeliver = SqlText.Portable("""
        UPDATE webhook_deliveries SET status = 'pending', attempts = 0, started_at = @Now, next_attempt_at = @Now, lease_until = NULL
        WHERE id = @DeliveryId AND subscription_id = @Id AND status <> 'pending'
        """);

    private static readonly SqlText Sensitive = SqlText.Portable("""
        SELECT m.sensitive FROM webhook_deliveries d JOIN webhook_messages m ON m.sequence = d.message_sequence WHERE d.id = @DeliveryId
        """);

    public async Task<WebhookDeliveryResponse> Handle(RedeliverWebhook command, CancellationToken cancellationToken)
    {
        var webhook = await WebhookQueries.LoadAsync(session, command.Id, cancellationToken);
        await WebhookDeliveryQueries.LoadAsync(session, command.Id, command.DeliveryId, cancellationToken);
        if (!webhook.Active) throw new ConflictException("The subscription is not active: set 'active' to true first.", webhook.Id);
        if (!webhook.Cleared && await session.ExecuteScalarAsync<long>(Sensitive, new { command.DeliveryId }, cancellationToken) == 1)
        {
            throw new ConflictException("The message is about a sensitive record and the subscription is not cleared: set 'cleared' to true first.", webhook.Id);
        }
        await session.ExecuteAsync(Redeliver, new { command.Id, command.DeliveryId, Now = clock.GetUtcNow() }, cancellationToken);
        return await WebhookDeliveryQueries.LoadAsync(session, command.Id, command.DeliveryId, cancellationToken);
    }
}
