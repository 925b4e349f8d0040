using MediatR;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Engagements;

/// <summary>Archives (<c>Archived = true</c>) or restores an engagement.</summary>
public sealed record ArchiveEngagement(Guid Id, int? RequiredVersion, bool Archived) : ICommand<EngagementResponse>;

public sealed class ArchiveEngagementHandler(DbSession session, ChangeLog changes, TimeProvider clock, Caller caller,
    PublicationCalendar calendar)
    : IRequestHandler<ArchiveEngagement, EngagementResponse>
{
    private static readonly SqlText SetArchived = Archiving.Statement("engagements");

    public Task<EngagementResponse> Handle(ArchiveEngagement command, CancellationToken cancellationToken)
        => Archiving.SetArchivedAsync(session, changes, clock, SetArchived, EngagementQueries.EntityType, command.Id, command.RequiredVersion,
            command.Archived, () => EngagementQueries.LoadAsync(session, caller, command.Id, calendar.Today, cancellationToken), cancellationToken);
}
