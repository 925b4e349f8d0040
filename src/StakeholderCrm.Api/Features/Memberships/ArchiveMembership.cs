using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Memberships;

/// <summary>Archives (<c>Archived = true</c>) or restores a membership recorded by mistake.</summary>
public sealed record ArchiveMembership(Guid Id, int? RequiredVersion, bool Archived) : ICommand<MembershipResponse>;

public sealed class ArchiveMembershipHandler(DbSession session, ChangeLog changes, TimeProvider clock, Caller caller)
    : IRequestHandler<ArchiveMembership, MembershipResponse>
{
    private static readonly SqlText SetArchived = Archiving.Statement("memberships");

    public Task<MembershipResponse> Handle(ArchiveMembership command, CancellationToken cancellationToken)
        => Archiving.SetArchivedAsync(session, changes, clock, SetArchived, MembershipQueries.EntityType, command.Id, command.RequiredVersion,
            command.Archived, () => MembershipQueries.LoadAsync(session, caller, command.Id, cancellationToken), cancellationToken,
            onUniqueViolation: current => MembershipQueries.DuplicateAsync(session, command.Id, current, cancellationToken));
}
