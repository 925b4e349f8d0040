using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Commitments;

/// <summary>Archives (<c>Archived = true</c>) or restores a commitment recorded by mistake; its history stays.</summary>
public sealed record ArchiveCommitment(Guid Id, int? RequiredVersion, bool Archived) : ICommand<CommitmentResponse>;

public sealed class ArchiveCommitmentHandler(DbSession session, ChangeLog changes, TimeProvider clock, Caller caller)
    : IRequestHandler<ArchiveCommitment, CommitmentResponse>
{
    private static readonly SqlText SetArchived = Archiving.Statement("commitments");

    public Task<CommitmentResponse> Handle(ArchiveCommitment command, CancellationToken cancellationToken)
        => Archiving.SetArchivedAsync(session, changes, clock, SetArchived, CommitmentQueries.EntityType, command.Id, command.RequiredVersion,
            command.Archived, () => CommitmentQueries.LoadAsync(session, caller, clock, command.Id, cancellationToken), cancellationToken);
}
