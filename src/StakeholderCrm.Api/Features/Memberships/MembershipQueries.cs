using Dapper;
using StakeholderCrm.Api.Features.Bodies;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Memberships;

/// <summary>Reading memberships with their history, and the checks a write makes before it writes.</summary>
internal static class MembershipQueries
{
    public const string EntityType = "membership";

    public const string Columns = """
        m.id, m.organisation_id, o.name AS organisation_name, m.body_id, b.name AS body_name, m.status, m.since, m.until,
        m.source_engagement_id, m.notes, m.version, m.created_at, m.updated_at, m.archived
        """;

    public const string From = "memberships m JOIN organisations o ON o.id = m.organisation_id JOIN bodies b ON b.id = m.body_id";

    private const string HistoryColumns = "h.membership_id, h.status, h.effective_on AS on_date, h.note, h.actor, h.occurred_at";

    /// <summary>The history of the memberships <c>{memberships}</c> selects, in order.</summary>
    private const string HistoryOfSet = $$"""
        SELECT {{HistoryColumns}} FROM membership_history h WHERE h.membership_id IN ({memberships}) ORDER BY h.membership_id, h.sequence
        """;

    public static readonly SqlText ById = SqlText.Portable($"""
        SELECT {Columns} FROM {From} WHERE m.id = @Id;
        SELECT {HistoryColumns} FROM membership_history h WHERE h.membership_id = @Id ORDER BY h.sequence
        """);

    public static readonly SqlText HistoryOfMany = IdSet.Statement(HistoryOfSet.Replace("{memberships}", "{ids}", StringComparison.Ordinal));

    public static readonly SqlText LiveForPair = SqlText.Portable(
        "SELECT id FROM memberships WHERE organisation_id = @OrganisationId AND body_id = @BodyId AND archived = 0 AND id <> @Id");

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
        return WithHistory(rows, await session.QueryAsync<HistoryRow>(HistoryOfMany, new { Ids = IdSet.Json(rows.Select(r => r.Id)) }, cancellationToken));
    }

    /// <summary>The statement reading the history of the memberships that <paramref name="memberships"/> (a subquery of ids) selects.</summary>
    public static SqlText HistoryOf(SqlText memberships) => new(
        HistoryOfSet.Replace("{memberships}", memberships.Sqlite, StringComparison.Ordinal),
        HistoryOfSet.Replace("{memberships}", memberships.SqlServer, StringComparison.Ordinal));

    /// <summary>The rows with their history, read from the next result of a batch: the one <see cref="HistoryOf"/> returned.</summary>
    public static async Task<IReadOnlyList<MembershipResponse>> WithHistoryAsync(SqlMapper.GridReader grid, IReadOnlyList<MembershipResponse> rows)
        => WithHistory(rows, await grid.ReadAsync<HistoryRow>());

    public static async Task CheckReferencesAsync(DbSession session, Caller caller, MembershipFields fields, CancellationToken cancellationToken)
    {
        var references = new References(session, caller);
        await references.OneAsync(OrganisationQueries.Exists, fields.OrganisationId, "organisationId", "organisation", cancellationToken);
        await references.OneAsync(BodyQueries.Exists, fields.BodyId, "bodyId", "body", cancellationToken);
        await references.OneAsync(SensitiveRecords.EngagementExists, fields.SourceEngagementId, "sourceEngagementId", "engagement", cancellationToken);
        references.ThrowIfInvalid();
    }

    public static async Task<Exception> DuplicateAsync(DbSession session, Guid id, MembershipFields fields, CancellationToken cancellationToken)
    {
        var existing = await session.QuerySingleOrDefaultAsync<Guid?>(LiveForPair, new { Id = id, fields.OrganisationId, fields.BodyId }, cancellationToken);
        return new ConflictException("The organisation already has a live membership of this body; change its status instead.", existing);
    }

    private static IReadOnlyList<MembershipResponse> WithHistory(IReadOnlyList<MembershipResponse> rows, IEnumerable<HistoryRow> history)
    {
        var changes = history.ToLookup(h => h.MembershipId, h => h.Change());
        return rows.Select(r => r with { History = changes[r.Id].ToList() }).ToList();
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
