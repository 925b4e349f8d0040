using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Topics;

/// <summary>The write steps topic commands share; reads are in <see cref="TopicQueries"/>.</summary>
internal static class TopicWrites
{
    /// <summary>The parent rule, the search rows and the change row every write of a topic ends with.</summary>
    public static async Task<TopicResponse> AfterWriteAsync(DbSession session, ChangeLog changes, Guid id, TopicFields fields,
        ChangeOperation operation, CancellationToken cancellationToken)
    {
        await SearchIndex.WriteAsync(session, TopicQueries.EntityType, id, [fields.Name], cancellationToken);
        var topic = await TopicQueries.LoadAsync(session, id, cancellationToken);
        await changes.RecordAsync(TopicQueries.EntityType, id, operation, topic.Version, topic, cancellationToken);
        return topic;
    }
}
