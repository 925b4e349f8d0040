using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>Removes a subscription with its deliveries and their attempts; nothing more is sent to it.</summary>
public sealed record DeleteWebhook(Guid Id) : ICommand<WebhookResponse>;

public sealed class DeleteWebhookHandler(DbSession session) : IRequestHandler<DeleteWebhook, WebhookResponse>
{
    private static readonly SqlText DeleteAttempts = SqlText.Portable("""
        DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT d.id FROM webhook_deliveries d WHERE d.subscription_id = @Id)
        """);

    private static readonly SqlText DeleteDeliveries = SqlText.Portable("DELETE FROM webhook_deliveries WHERE subscription_id = @Id");

    private static readonly SqlText Delete = SqlText.Portable("DELETE FROM webhook_subscriptions WHERE id = @Id");

    public async Task<WebhookResponse> Handle(DeleteWebhook command, CancellationToken cancellationToken)
    {
        var webhook = await WebhookQueries.LoadAsync(session, command.Id, cancellationToken);
        await session.ExecuteAsync(DeleteAttempts, new { command.Id }, cancellationToken);
        await session.ExecuteAsync(DeleteDeliveries, new { command.Id }, cancellationToken);
        await session.ExecuteAsync(Delete, new { command.Id }, cancellationToken);
        return webhook;
    }
}
