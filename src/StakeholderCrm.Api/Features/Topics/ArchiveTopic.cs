using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Topics;

/// <summary>Archives (<c>Archived = true</c>) or restores a topic; engagements filed under it keep it.</summary>
public sealed record ArchiveTopic(Guid Id, int? RequiredVersion, bool Archived) : ICommand<TopicResponse>;

public sealed class ArchiveTopicHandler(DbSession session, ChangeLog changes, TimeProvider clock) : IRequestHandler<ArchiveTopic, TopicResponse>
{
    private static readonly SqlText SetArchived = Archiving.Statement("topics");

    public Task<TopicResponse> Handle(ArchiveTopic command, CancellationToken cancellationToken)
        => Archiving.SetArchivedAsync(session, changes, clock, SetArchived, TopicQueries.EntityType, command.Id, command.RequiredVersion,
            command.Archived, () => TopicQueries.LoadAsync(session, command.Id, cancellationToken), cancellationToken,
            onUniqueViolation: current => TopicQueries.DuplicateAsync(session, command.Id, current, cancellationToken));
}
