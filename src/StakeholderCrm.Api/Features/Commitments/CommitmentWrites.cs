using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Commitments;

/// <summary>The statements and steps create, update and transition share; reads are in <see cref="CommitmentQueries"/>.</summary>
internal static class CommitmentWrites
{
    private static readonly SqlText DeleteTopics = SqlText.Portable("DELETE FROM commitment_topics WHERE commitment_id = @Id");
    private static readonly SqlText InsertTopics = new(
        Sqlite: "INSERT INTO commitment_topics (commitment_id, position, topic_id) SELECT @CommitmentId, j.key, j.value FROM json_each(@Rows) j",
        SqlServer: """
            INSERT INTO commitment_topics (commitment_id, position, topic_id)
            SELECT @CommitmentId, CAST(j.[key] AS int), CAST(j.[value] AS uniqueidentifier) FROM OPENJSON(@Rows) j
            """);
    private static readonly SqlText InsertTransition = SqlText.Portable("""
        INSERT INTO commitment_transitions (id, commitment_id, sequence, from_status, to_status, note, evidence_engagement_id,
            evidence_url, evidence_note, actor, occurred_at, organisation_id)
        SELECT @Id, c.id, (SELECT COUNT(*) FROM commitment_transitions t WHERE t.commitment_id = c.id), @From, @To, @Note,
            @EvidenceEngagementId, @EvidenceUrl, @EvidenceNote, @Actor, @Now, c.organisation_id
        FROM commitments c WHERE c.id = @CommitmentId
        """);

    /// <summary>The timeline walks status changes by organisation: each keeps its commitment's current one.</summary>
    /// <summary>The row's own columns, as insert and update bind them.</summary>
    public static object Row(Guid id, int version, CommitmentFields fields, CommitmentStatus status, DateTimeOffset now) => new
    {
        Id = id, Version = version, Title = fields.Title!.Trim(), fields.Description, Direction = Json.Name(fields.Direction!.Value),
        fields.OrganisationId, fields.MadeInEngagementId, fields.CommittedById, fields.OwnerId, Category = Json.Name(fields.Category!.Value),
        fields.DueDate, DueSort = fields.DueDate ?? CommitmentQueries.NoDueDate, fields.TargetEvent, fields.TopicIds, fields.ExternalIds,
        Status = Json.Name(status), Now = now,
    };

    /// <summary>The topic rows that serve the topicId filter and the words that serve search.</summary>
    public static async Task WriteIndexesAsync(DbSession session, Guid id, CommitmentFields fields, CancellationToken cancellationToken)
    {
        await SearchIndex.WriteWordsAsync(session, CommitmentQueries.EntityType, id, [fields.Title, fields.Description, fields.TargetEvent], cancellationToken);
        await ExternalIds.WriteAsync(session, CommitmentQueries.EntityType, id, fields.ExternalIds, cancellationToken);
        await session.ExecuteAsync(DeleteTopics, new { Id = id }, cancellationToken);
        await session.ExecuteAsync(InsertTopics, new { CommitmentId = id, Rows = JsonRows.Json(fields.TopicIds) }, cancellationToken);
    }

    public static Task RecordTransitionAsync(DbSession session, Guid commitmentId, CommitmentStatus? from, CommitmentStatus to, string? note,
        Evidence? evidence, string actor, DateTimeOffset now, CancellationToken cancellationToken)
        => session.ExecuteAsync(InsertTransition, new
        {
            Id = Guid.CreateVersion7(), CommitmentId = commitmentId, From = from is null ? null : Json.Name(from.Value), To = Json.Name(to), Note = note,
            EvidenceEngagementId = evidence?.EngagementId, EvidenceUrl = evidence?.Url, EvidenceNote = evidence?.Note, Actor = actor, Now = now,
        }, cancellationToken);

    public static async Task<CommitmentResponse> ReloadAndRecordAsync(DbSession session, Caller caller, ChangeLog changes, TimeProvider clock, Guid id,
        ChangeOperation operation, CancellationToken cancellationToken)
    {
        var commitment = await CommitmentQueries.LoadAsync(session, caller, clock, id, cancellationToken);
        await changes.RecordAsync(CommitmentQueries.EntityType, id, operation, commitment.Version, commitment, cancellationToken);
        return CommitmentQueries.AsSeenBy(commitment, await RestrictedContacts.NamesAsync(session, caller, cancellationToken));
    }
}
