using Dapper;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Features.Topics;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Commitments;

/// <summary>Reading commitments with their history, and the checks a write makes before it writes.</summary>
internal static class CommitmentQueries
{
    public const string EntityType = "commitment";

    /// <summary>Where an undated commitment sorts by due date: last.</summary>
    public static readonly DateOnly NoDueDate = new(9999, 12, 31);

    public const string Columns = """
        c.id, c.title, c.description, c.direction, c.organisation_id, c.made_in_engagement_id, c.committed_by_id, c.owner_id,
        c.category, c.due_date, c.target_event, c.topic_ids, c.external_ids, c.status, c.version, c.created_at, c.updated_at, c.archived
        """;

    private const string HistoryColumns = """
        t.commitment_id, t.occurred_at, t.actor, t.from_status, t.to_status, t.note,
        t.evidence_engagement_id, t.evidence_url, t.evidence_note
        """;

    /// <summary>The history of the commitments <c>{commitments}</c> selects, in order.</summary>
    private const string HistoryOfSet = $$"""
        SELECT {{HistoryColumns}} FROM commitment_transitions t WHERE t.commitment_id IN ({commitments}) ORDER BY t.commitment_id, t.sequence
        """;

    public static readonly SqlText ById = SqlText.Portable($"""
        SELECT {Columns} FROM commitments c WHERE c.id = @Id;
        SELECT {HistoryColumns} FROM commitment_transitions t WHERE t.commitment_id = @Id ORDER BY t.sequence
        """);

    public static readonly SqlText HistoryOfMany = IdSet.Statement(HistoryOfSet.Replace("{commitments}", "{ids}", StringComparison.Ordinal));

    public static readonly SqlText OwnerIsInternal = SqlText.Portable("""
        SELECT COUNT(*) FROM contacts c JOIN organisations o ON o.id = c.current_organisation_id WHERE c.id = @Id AND o.internal = 1
        """);

    public static async Task<CommitmentResponse> LoadAsync(DbSession session, Caller caller, TimeProvider clock, Guid id, CancellationToken cancellationToken)
        => await session.QueryMultipleAsync(ById, new { Id = id }, async grid =>
           {
               var row = await grid.ReadSingleOrDefaultAsync<CommitmentResponse>() ?? throw new NotFoundException(EntityType, id);
               return Complete(row, (await grid.ReadAsync<HistoryRow>()).ToList(), Today(clock));
           }, cancellationToken) is var commitment && await SensitiveRecords.HidesAsync(session, caller, commitment.MadeInEngagementId, cancellationToken)
            ? throw new NotFoundException(EntityType, id)
            : commitment;

    /// <summary>The commitment as a caller reads it: a restricted person its title or description names reads "Restricted person".</summary>
    public static CommitmentResponse AsSeenBy(CommitmentResponse commitment, IReadOnlyCollection<string> restrictedNames) => restrictedNames.Count == 0
        ? commitment
        : commitment with
        {
            Title = commitment.Title is null ? null : RestrictedContacts.WithoutNames(commitment.Title, restrictedNames),
            Description = commitment.Description is null ? null : RestrictedContacts.WithoutNames(commitment.Description, restrictedNames),
        };

    public static async Task<IReadOnlyList<CommitmentResponse>> WithHistoryAsync(DbSession session, TimeProvider clock,
        IReadOnlyList<CommitmentResponse> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return rows;
        return WithHistory(rows, await session.QueryAsync<HistoryRow>(HistoryOfMany, new { Ids = IdSet.Json(rows.Select(r => r.Id)) }, cancellationToken),
            clock);
    }

    /// <summary>The statement reading the history of the commitments that <paramref name="commitments"/> (a subquery of ids) selects.</summary>
    public static SqlText HistoryOf(SqlText commitments) => new(
        HistoryOfSet.Replace("{commitments}", commitments.Sqlite, StringComparison.Ordinal),
        HistoryOfSet.Replace("{commitments}", commitments.SqlServer, StringComparison.Ordinal));

    /// <summary>The rows with their history, read from the next result of a batch: the one <see cref="HistoryOf"/> returned.</summary>
    public static async Task<IReadOnlyList<CommitmentResponse>> WithHistoryAsync(SqlMapper.GridReader grid, TimeProvider clock,
        IReadOnlyList<CommitmentResponse> rows)
        => WithHistory(rows, await grid.ReadAsync<HistoryRow>(), clock);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The rules that need the database: every id exists, and the owner is one of our own staff.</summary>
    public static async Task CheckReferencesAsync(DbSession session, Caller caller, CommitmentFields fields, CancellationToken cancellationToken)
    {
        var references = new References(session, caller);
        await references.OneAsync(OrganisationQueries.Exists, fields.OrganisationId, "organisationId", "organisation", cancellationToken);
        await references.OneAsync(SensitiveRecords.EngagementExists, fields.MadeInEngagementId, "madeInEngagementId", "engagement", cancellationToken);
        await references.OneAsync(ContactQueries.Exists, fields.CommittedById, "committedById", "contact", cancellationToken);
        await references.OneAsync(ContactQueries.Exists, fields.OwnerId, "ownerId", "contact", cancellationToken);
        await references.ManyAsync(TopicQueries.ExistingIds, fields.TopicIds, "topicIds", "topic", cancellationToken);
        if (fields.OwnerId is { } owner && !references.HasFailed("ownerId")
            && await session.ExecuteScalarAsync<long>(OwnerIsInternal, new { Id = owner }, cancellationToken) == 0)
        {
            references.Fail("ownerId", "The owner must be one of our own staff: a contact whose current position is in an internal unit.");
        }
        references.ThrowIfInvalid();
    }

    private static IReadOnlyList<CommitmentResponse> WithHistory(IReadOnlyList<CommitmentResponse> rows, IEnumerable<HistoryRow> history, TimeProvider clock)
    {
        var transitions = history.ToLookup(h => h.CommitmentId);
        return rows.Select(r => Complete(r, transitions[r.Id].ToList(), Today(clock))).ToList();
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
