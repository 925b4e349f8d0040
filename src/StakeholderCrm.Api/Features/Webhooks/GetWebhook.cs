using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Webhooks;

public sealed record GetWebhook(Guid Id) : IQuery<WebhookResponse>;

public sealed class GetWebhookHandler(DbSession session) : IRequestHandler<GetWebhook, WebhookResponse>
{
    public Task<WebhookResponse> Handle(GetWebhook query, CancellationToken cancellationToken) => WebhookQueries.LoadAsync(session, query.Id, cancellationToken);
}
