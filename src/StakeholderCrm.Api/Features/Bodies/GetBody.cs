using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Bodies;

public sealed record GetBody(Guid Id) : IQuery<BodyResponse>;

public sealed class GetBodyHandler(DbSession session) : IRequestHandler<GetBody, BodyResponse>
{
    public Task<BodyResponse> Handle(GetBody query, CancellationToken cancellationToken) => BodyQueries.LoadAsync(session, query.Id, cancellationToken);
}
