using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>A webhook.ping event to this subscription alone, delivered and retried like any other.</summary>
public sealed record PingWebhook(Guid Id) : ICommand<WebhookDeliveryResponse>;

public sealed class PingWebhookHandler(DbSession session, TimeProvider clock) : IRequestHandler<PingWebhook, WebhookDeliveryResponse>
{
    public async Task<WebhookDeliveryResponse> Handle(PingWebhook command, CancellationToken cancellationToken)
    {
        var webhook = await WebhookQueries.LoadAsync(session, command.Id, cancellationToken);
        if (!webhook.Active) throw new ConflictException("The subscription is not active: set 'active' to true first.", webhook.Id);
        var now = clock.GetUtcNow();
        var message = new WebhookMessages.Message(WebhookMessages.NewId(), WebhookEventTypes.Ping, null, null,
            WebhookMessages.PingPayload(now, webhook.Id), false);
        var delivery = new WebhookMessages.Delivery(Guid.CreateVersion7(), webhook.Id, message.Id, $"ping:{message.Id}");
        await WebhookMessages.WriteAsync(session, new List<WebhookMessages.Message> { message }, new List<WebhookMessages.Delivery> { delivery }, now,
            cancellationToken);
        return await WebhookDeliveryQueries.LoadAsync(session, webhook.Id, delivery.Id, cancellationToken);
    }
}
