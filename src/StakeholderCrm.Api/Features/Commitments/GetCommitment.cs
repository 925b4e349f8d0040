using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Commitments;

public sealed record GetCommitment(Guid Id) : IQuery<CommitmentResponse>;

public sealed class GetCommitmentHandler(DbSession session, TimeProvider clock) : IRequestHandler<GetCommitment, CommitmentResponse>
{
    public Task<CommitmentResponse> Handle(GetCommitment query, CancellationToken cancellationToken)
        => CommitmentSql.LoadAsync(session, clock, query.Id, cancellationToken);
}
