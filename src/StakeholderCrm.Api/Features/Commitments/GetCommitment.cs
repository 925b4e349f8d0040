using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Commitments;

public sealed record GetCommitment(Guid Id) : IQuery<CommitmentResponse>;

public sealed class GetCommitmentHandler(DbSession session, TimeProvider clock, Caller caller) : IRequestHandler<GetCommitment, CommitmentResponse>
{
    public async Task<CommitmentResponse> Handle(GetCommitment query, CancellationToken cancellationToken)
        => CommitmentQueries.AsSeenBy(await CommitmentQueries.LoadAsync(session, caller, clock, query.Id, cancellationToken),
            await RestrictedContacts.NamesAsync(session, caller, cancellationToken));
}
