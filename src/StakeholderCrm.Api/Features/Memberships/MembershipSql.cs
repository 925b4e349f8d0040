using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Memberships;

/// <summary>Reading memberships with their history, and the steps every write shares.</summary>
internal static class MembershipSql
{
    public const string EntityType = "membership";

    public const string Columns = """
        m.id, m.organisation_id, o.name AS organisation_name, m.body_id, b.name AS body_name, m.status, m.since, m.until,
        m.source_engagement_id, m.notes, m.version, m.created_at, m.updated_at, m.archived
        """;

    public const string From = "memberships m JOIN organisations o ON o.id = m.organisation_id JOIN bodies b ON b.id = m.body_id";

    private const string HistoryColumns = "h.membership_id, h.status, h.effective_on AS on_date, h.note, h.actor, h.occurred_at";

    public static readonly SqlText ById = SqlText.Portable($"""
        SELECT {Columns} FROM {From} WHERE m.id = @Id;
        SELECT {HistoryColumns} FROM membership_history h WHERE h.membership_id = @Id ORDER BY h.sequence
        """);

    public static readonly SqlText HistoryOfMany = IdSet.Statement($$"""
        SELECT {{HistoryColumns}} FROM membership_history h WHERE h.membership_id IN ({ids}) ORDER BY h.membership_id, h.sequence
        """);

    public static readonly SqlText SetArchived = Archiving.Statement("memberships");
    public static readonly SqlText OrganisationExists = References.Exists("organisations");
    public static readonly SqlText BodyExists = References.Exists("bodies");
    public static readonly SqlText EngagementExists = SensitiveRecords.EngagementExists;
    public static readonly SqlText LiveForPair = SqlText.Portable(
        "SELECT id FROM memberships WHERE organisation_id = @OrganisationId AND body_id = @BodyId AND archived = 0 AND id <> @Id");

    private static readonly SqlText InsertChange = SqlText.Portable("""
        INSERT INTO membership_history (id, membership_id, sequence, status, effective_on, effective_at, note, actor, occurred_at, organisation_id)
        SELECT @Id, m.id, (SELECT COUNT(*) FROM membership_history h WHERE h.membership_id = m.id), @Status, @On, @OnAt, @Note, @Actor, @Now,
            m.organisation_id
        FROM memberships m WHERE m.id = @MembershipId
        """);

    /// <summary>The timeline walks status changes by organisation: each keeps its membership's current one.</summary>
    public static readonly SqlText MoveHistory = SqlText.Portable(
        "UPDATE membership_history SET organisation_id = @OrganisationId WHERE membership_id = @Id AND organisation_id <> @OrganisationId");

    public static async Task<MembershipResponse> LoadAsync(DbSession session, Caller caller, Guid id, CancellationToken cancellationToken)
        => await session.QueryMultipleAsync(ById, new { Id = id }, async grid =>
           {
               var row = await grid.ReadSingleOrDefaultAsync<MembershipResponse>() ?? throw new NotFoundException(EntityType, id);
               return row with { History = (await grid.ReadAsync<HistoryRow>()).Select(h => h.Change()).ToList() };
           }, cancellationToken) is var membership && await SensitiveRecords.HidesAsync(session, caller, membership.SourceEngagementId, cancellationToken)
            ? throw new NotFoundException(EntityType, id)
            : membership;

    public static async Task<IReadOnlyList<MembershipResponse>> WithHistoryAsync(DbSession session, IReadOnlyList<MembershipResponse> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return rows;
        var history = (await session.QueryAsync<HistoryRow>(HistoryOfMany, new { Ids = IdSet.Json(rows.Select(r => r.Id)) }, cancellationToken))
            .ToLookup(h => h.MembershipId, h => h.Change());
        return rows.Select(r => r with { History = history[r.Id].ToList() }).ToList();
    }

    public static async Task CheckReferencesAsync(DbSession session, Caller caller, MembershipFields fields, CancellationToken cancellationToken)
    {
        var references = new References(session, caller);
        await references.OneAsync(OrganisationExists, fields.OrganisationId, "organisationId", "organisation", cancellationToken);
        await references.OneAsync(BodyExists, fields.BodyId, "bodyId", "body", cancellationToken);
        await references.OneAsync(EngagementExists, fields.SourceEngagementId, "sourceEngagementId", "engagement", cancellationToken);
        references.ThrowIfInvalid();
    }

    public static async Task<Exception> DuplicateAsync(DbSession session, Guid id, MembershipFields fields, CancellationToken cancellationToken)
    {
        var existing = await session.QuerySingleOrDefaultAsync<Guid?>(LiveForPair, new { Id = id, fields.OrganisationId, fields.BodyId }, cancellationToken);
        return new ConflictException("The organisation already has a live membership of this body; change its status instead.", existing);
    }

    public static Task RecordChangeAsync(DbSession session, Guid membershipId, MembershipStatus status, DateOnly on, string? note,
        string actor, DateTimeOffset now, CancellationToken cancellationToken)
        => session.ExecuteAsync(InsertChange, new
        {
            Id = Guid.CreateVersion7(), MembershipId = membershipId, Status = Json.Name(status), On = on,
            OnAt = new DateTimeOffset(on.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Note = note, Actor = actor, Now = now,
        }, cancellationToken);

    public static async Task<MembershipResponse> ReloadAndRecordAsync(DbSession session, Caller caller, ChangeLog changes, Guid id, ChangeOperation operation,
        CancellationToken cancellationToken)
    {
        var membership = await LoadAsync(session, caller, id, cancellationToken);
        await changes.RecordAsync(EntityType, id, operation, membership.Version, membership, cancellationToken);
        return membership;
    }

    private sealed record HistoryRow
    {
        public Guid MembershipId { get; init; }
        public MembershipStatus Status { get; init; }
        public DateOnly OnDate { get; init; }
        public string? Note { get; init; }
        public string Actor { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }

        public MembershipChange Change() => new() { Status = Status, On = OnDate, Note = Note, Actor = Actor, RecordedAt = OccurredAt };
    }
}
