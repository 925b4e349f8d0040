using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Commitments;

/// <summary>Reading commitments with their history, and the steps create, update and transition share.</summary>
internal static class CommitmentSql
{
    public const string EntityType = "commitment";
    public static readonly DateOnly NoDueDate = new(9999, 12, 31);

    public const string Columns = """
        c.id, c.title, c.description, c.direction, c.organisation_id, c.made_in_engagement_id, c.committed_by_id, c.owner_id,
        c.category, c.due_date, c.target_event, c.topic_ids, c.external_ids, c.status, c.version, c.created_at, c.updated_at, c.archived
        """;

    private const string HistoryColumns = """
        t.commitment_id, t.occurred_at, t.actor, t.from_status, t.to_status, t.note,
        t.evidence_engagement_id, t.evidence_url, t.evidence_note
        """;

    public static readonly SqlText ById = SqlText.Portable($"""
        SELECT {Columns} FROM commitments c WHERE c.id = @Id;
        SELECT {HistoryColumns} FROM commitment_transitions t WHERE t.commitment_id = @Id ORDER BY t.sequence
        """);

    public static readonly SqlText HistoryOfMany = IdSet.Statement($$"""
        SELECT {{HistoryColumns}} FROM commitment_transitions t WHERE t.commitment_id IN ({ids}) ORDER BY t.commitment_id, t.sequence
        """);

    public static readonly SqlText SetArchived = Archiving.Statement("commitments");
    public static readonly SqlText OrganisationExists = References.Exists("organisations");
    public static readonly SqlText EngagementExists = SensitiveRecords.EngagementExists;
    public static readonly SqlText ContactExists = References.Exists("contacts");
    public static readonly SqlText ExistingTopics = References.ExistingIds("topics");
    public static readonly SqlText OwnerIsInternal = SqlText.Portable("""
        SELECT COUNT(*) FROM contacts c JOIN organisations o ON o.id = c.current_organisation_id WHERE c.id = @Id AND o.internal = 1
        """);

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
    public static readonly SqlText MoveTransitions = SqlText.Portable(
        "UPDATE commitment_transitions SET organisation_id = @OrganisationId WHERE commitment_id = @Id AND organisation_id <> @OrganisationId");

    public static async Task<CommitmentResponse> LoadAsync(DbSession session, Caller caller, TimeProvider clock, Guid id, CancellationToken cancellationToken)
        => await session.QueryMultipleAsync(ById, new { Id = id }, async grid =>
           {
               var row = await grid.ReadSingleOrDefaultAsync<CommitmentResponse>() ?? throw new NotFoundException(EntityType, id);
               return Complete(row, (await grid.ReadAsync<HistoryRow>()).ToList(), Today(clock));
           }, cancellationToken) is var commitment && await SensitiveRecords.HidesAsync(session, caller, commitment.MadeInEngagementId, cancellationToken)
            ? throw new NotFoundException(EntityType, id)
            : commitment;

    public static async Task<IReadOnlyList<CommitmentResponse>> WithHistoryAsync(DbSession session, TimeProvider clock,
        IReadOnlyList<CommitmentResponse> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return rows;
        var history = (await session.QueryAsync<HistoryRow>(HistoryOfMany, new { Ids = IdSet.Json(rows.Select(r => r.Id)) }, cancellationToken))
            .ToLookup(h => h.CommitmentId);
        return rows.Select(r => Complete(r, history[r.Id].ToList(), Today(clock))).ToList();
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The rules that need the database: every id exists, and the owner is one of our own staff.</summary>
    public static async Task CheckReferencesAsync(DbSession session, Caller caller, CommitmentFields fields, CancellationToken cancellationToken)
    {
        var references = new References(session, caller);
        await references.OneAsync(OrganisationExists, fields.OrganisationId, "organisationId", "organisation", cancellationToken);
        await references.OneAsync(EngagementExists, fields.MadeInEngagementId, "madeInEngagementId", "engagement", cancellationToken);
        await references.OneAsync(ContactExists, fields.CommittedById, "committedById", "contact", cancellationToken);
        await references.OneAsync(ContactExists, fields.OwnerId, "ownerId", "contact", cancellationToken);
        await references.ManyAsync(ExistingTopics, fields.TopicIds, "topicIds", "topic", cancellationToken);
        if (fields.OwnerId is { } owner && !references.HasFailed("ownerId")
            && await session.ExecuteScalarAsync<long>(OwnerIsInternal, new { Id = owner }, cancellationToken) == 0)
        {
            references.Fail("ownerId", "The owner must be one of our own staff: a contact whose current position is in an internal unit.");
        }
        references.ThrowIfInvalid();
    }

    /// <summary>The row's own columns, as insert and update bind them.</summary>
    public static object Row(Guid id, int version, CommitmentFields fields, CommitmentStatus status, DateTimeOffset now) => new
    {
        Id = id, Version = version, Title = fields.Title!.Trim(), fields.Description, Direction = Json.Name(fields.Direction!.Value),
        fields.OrganisationId, fields.MadeInEngagementId, fields.CommittedById, fields.OwnerId, Category = Json.Name(fields.Category!.Value),
        fields.DueDate, DueSort = fields.DueDate ?? NoDueDate, fields.TargetEvent, fields.TopicIds, fields.ExternalIds, Status = Json.Name(status), Now = now,
    };

    /// <summary>The topic rows that serve the topicId filter and the words that serve search.</summary>
    public static async Task WriteIndexesAsync(DbSession session, Guid id, CommitmentFields fields, CancellationToken cancellationToken)
    {
        await SearchIndex.WriteWordsAsync(session, EntityType, id, [fields.Title, fields.Description, fields.TargetEvent], cancellationToken);
        await ExternalIds.WriteAsync(session, EntityType, id, fields.ExternalIds, cancellationToken);
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
        var commitment = await LoadAsync(session, caller, clock, id, cancellationToken);
        await changes.RecordAsync(EntityType, id, operation, commitment.Version, commitment, cancellationToken);
        return commitment;
    }

    private static CommitmentResponse Complete(CommitmentResponse row, IReadOnlyList<HistoryRow> history, DateOnly today) => row with
    {
        Overdue = row.DueDate < today && CommitmentLifecycle.Pending.Contains(row.Status),
        History = history.Select(h => new CommitmentTransition
        {
            At = h.OccurredAt, Actor = h.Actor, From = h.FromStatus, To = h.ToStatus, Note = h.Note,
            Evidence = h.EvidenceEngagementId is null && h.EvidenceUrl is null && h.EvidenceNote is null
                ? null
                : new Evidence { EngagementId = h.EvidenceEngagementId, Url = h.EvidenceUrl, Note = h.EvidenceNote },
        }).ToList(),
    };

    private sealed record HistoryRow
    {
        public Guid CommitmentId { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Actor { get; init; } = "";
        public CommitmentStatus? FromStatus { get; init; }
        public CommitmentStatus ToStatus { get; init; }
        public string? Note { get; init; }
        public Guid? EvidenceEngagementId { get; init; }
        public string? EvidenceUrl { get; init; }
        public string? EvidenceNote { get; init; }
    }
}
