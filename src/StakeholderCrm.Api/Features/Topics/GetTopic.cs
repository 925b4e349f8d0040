using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Topics;

public sealed record GetTopic(Guid Id) : IQuery<TopicResponse>;

public sealed class GetTopicHandler(DbSession session) : IRequestHandler<GetTopic, TopicResponse>
{
    public Task<TopicResponse> Handle(GetTopic query, CancellationToken cancellationToken) => TopicQueries.LoadAsync(session, query.Id, cancellationToken);
}
