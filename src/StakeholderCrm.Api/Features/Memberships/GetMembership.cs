using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Memberships;

public sealed record GetMembership(Guid Id) : IQuery<MembershipResponse>;

public sealed class GetMembershipHandler(DbSession session, Caller caller) : IRequestHandler<GetMembership, MembershipResponse>
{
    public Task<MembershipResponse> Handle(GetMembership query, CancellationToken cancellationToken)
        => MembershipQueries.LoadAsync(session, caller, query.Id, cancellationToken);
}
