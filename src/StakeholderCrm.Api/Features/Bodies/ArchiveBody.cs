using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Bodies;

/// <summary>Archives (<c>Archived = true</c>) or restores a body; memberships of it keep it.</summary>
public sealed record ArchiveBody(Guid Id, int? RequiredVersion, bool Archived) : ICommand<BodyResponse>;

public sealed class ArchiveBodyHandler(DbSession session, ChangeLog changes, TimeProvider clock) : IRequestHandler<ArchiveBody, BodyResponse>
{
    private static readonly SqlText SetArchived = Archiving.Statement("bodies");

    public Task<BodyResponse> Handle(ArchiveBody command, CancellationToken cancellationToken)
        => Archiving.SetArchivedAsync(session, changes, clock, SetArchived, BodyQueries.EntityType, command.Id, command.RequiredVersion,
            command.Archived, () => BodyQueries.LoadAsync(session, command.Id, cancellationToken), cancellationToken,
            onUniqueViolation: current => BodyQueries.DuplicateAsync(session, command.Id, current, cancellationToken));
}
