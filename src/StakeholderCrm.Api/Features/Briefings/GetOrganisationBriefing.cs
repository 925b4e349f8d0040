using MediatR;
using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Figures;
using StakeholderCrm.Api.Features.Memberships;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Features.TransparencyRegister;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Briefings;

/// <summary>Everything needed to prepare the next meeting with an organisation, in one response.</summary>
public sealed record GetOrganisationBriefing(Guid OrganisationId) : IQuery<BriefingResponse>;

public sealed record Representative
{
    public Guid ContactId { get; init; }
    [PersonalData] public string FullName { get; init; } = "";
    [PersonalData] public string? Title { get; init; }
    [PersonalData] public string? Email { get; init; }
}

public sealed record TopicCount
{
    public Guid TopicId { get; init; }
    public string Name { get; init; } = "";
    public int Engagements { get; init; }
}

public sealed record LatestFigure
{
    public string Metric { get; init; } = "";
    public string Unit { get; init; } = "";
    public string? Scope { get; init; }
    public decimal Value { get; init; }
    public DateOnly ObservedOn { get; init; }
    public Guid FigureId { get; init; }
}

public sealed record BriefingResponse
{
    public required OrganisationResponse Organisation { get; init; }
    /// <summary>People whose current position is at the organisation, with their titles: the first 50 by name.</summary>
    public IReadOnlyList<Representative> Representatives { get; init; } = [];
    /// <summary>The last five engagements, newest first, with their key points.</summary>
    public IReadOnlyList<EngagementResponse> RecentEngagements { get; init; } = [];
    /// <summary>
    /// Commitments still proposed, open or in progress, both directions, soonest due first: at most 20 (the list filtered by organisation has them all).
    /// </summary>
    public IReadOnlyList<CommitmentResponse> OpenCommitments { get; init; } = [];
    /// <summary>Those of the open commitments above whose due date has passed.</summary>
    public IReadOnlyList<CommitmentResponse> OverdueCommitments { get; init; } = [];
    /// <summary>Its memberships of forums and codes by the body's name: the first 50 (the list filtered by organisation has them all).</summary>
    public IReadOnlyList<MembershipResponse> Memberships { get; init; } = [];
    /// <summary>The latest value of each metric (in each unit and scope) among its 200 most recent figures, by metric, unit and scope.</summary>
    public IReadOnlyList<LatestFigure> LatestFigures { get; init; } = [];
    /// <summary>The topics of most of its last 200 engagements, at most five.</summary>
    public IReadOnlyList<TopicCount> TopTopics { get; init; } = [];
}

public sealed class GetOrganisationBriefingHandler(DbSession session, TimeProvider clock, Caller caller, PublicationCalendar calendar)
    : IRequestHandler<GetOrganisationBriefing, BriefingResponse>
{
    private const int RecentEngagements = 5;
    private const int TopTopics = 5;
    private const int MaxRepresentatives = 50;
    private const int MaxOpenCommitments = 20;
    private const int MaxMemberships = 50;
    private const int RecentFigures = 200;
    private const int TopicEngagements = 200;

    // Newest first by walking the organisation's (organisation_id, starts_at) index: a busy organisation is no slower.
    private static readonly string RecentEngagementsOfOrganisation = $"""
        FROM engagement_organisations d CROSS JOIN engagements e
        WHERE e.id = d.engagement_id AND d.organisation_id = @Id AND e.archived = 0 AND {SensitiveRecords.VisibleEngagement("e")}
        ORDER BY d.starts_at DESC, d.engagement_id DESC
        """;

    private static readonly string OpenCommitmentsOfOrganisation = $"""
        FROM commitments c
        WHERE c.organisation_id = @Id AND c.archived = 0 AND c.status IN ('proposed', 'open', 'inProgress')
            AND {SensitiveRecords.VisibleSource("c.made_in_engagement_id")}
        ORDER BY c.due_sort, c.id
        """;

    private static readonly string MembershipsOfOrganisation = $"""
        FROM {MembershipQueries.From}
        WHERE m.organisation_id = @Id AND m.archived = 0 AND {SensitiveRecords.VisibleSource("m.source_engagement_id")} ORDER BY b.name_key, m.id
        """;

    private static readonly SqlText Representatives = SqlText.Limited($"""
        SELECT c.id AS contact_id, c.full_name, c.current_title AS title, c.email FROM contacts c
        WHERE c.current_organisation_id = @Id AND c.archived = 0 AND {RestrictedContacts.Visible("c")} ORDER BY c.name_key, c.id
        """, "@MaxRepresentatives");

    private static readonly SqlText Engagements = SqlText.Limited(
        $"SELECT {EngagementQueries.Columns} {RecentEngagementsOfOrganisation}", "@RecentEngagements");

    private static readonly SqlText OpenCommitments = SqlText.Limited(
        $"SELECT {CommitmentQueries.Columns} {OpenCommitmentsOfOrganisation}", "@MaxOpenCommitments");

    private static readonly SqlText Memberships = SqlText.Limited($"SELECT {MembershipQueries.Columns}, NULL AS status_as_of {MembershipsOfOrganisation}",
        "@MaxMemberships");

    // Series are told apart by keys SQL cannot compute (Text.Key), so the statement keeps the newest day of each exactly
    // written series among the recent figures, a handful of rows instead of 200, and the handler merges those. SQLite's
    // window functions sort the 200 rows at three times the cost of its GROUP BY, whose bare columns come from the MAX
    // row: the newest day, then the greatest id (lower-case text sorts as the handler's Guid comparison does). On SQL
    // Server unit and scope are compared in the binary collation metric_key already has, so no two series merge early.
    private static readonly SqlText Figures = NewestOfEachWrittenSeries(SqlText.Limited($"""
        SELECT f.id AS figure_id, f.metric, f.metric_key, f.unit, f.scope, f.observed_on, f.value
        FROM figures f WHERE f.organisation_id = @Id AND f.archived = 0 AND {SensitiveRecords.VisibleSource("f.source_engagement_id")}
        ORDER BY f.observed_on DESC, f.id DESC
        """, "@RecentFigures"));

    private static SqlText NewestOfEachWrittenSeries(SqlText recent) => new(
        Sqlite: $"""
            SELECT r.figure_id, r.metric, r.metric_key, r.unit, r.scope, r.observed_on, r.value, MAX(r.observed_on || r.figure_id) AS newest
            FROM ({recent.Sqlite}) r GROUP BY r.metric_key, r.unit, r.scope
            """,
        SqlServer: $"""
            SELECT n.figure_id, n.metric, n.metric_key, n.unit, n.scope, n.observed_on, n.value FROM (
                SELECT r.*, RANK() OVER (PARTITION BY r.metric_key, r.unit COLLATE Latin1_General_100_BIN2, r.scope COLLATE Latin1_General_100_BIN2
                    ORDER BY r.observed_on DESC) AS newest
                FROM ({recent.SqlServer}) r
            ) n WHERE n.newest = 1
            """);

    // Counted per topic id first, so only the counted topics are looked up for their names.
    internal static readonly SqlText Topics = new(
        Sqlite: $"""
            SELECT t.id AS topic_id, t.name, counted.engagements FROM (
                SELECT et.topic_id, COUNT(*) AS engagements FROM engagement_topics et
                WHERE et.engagement_id IN (SELECT e.id {RecentEngagementsOfOrganisation} LIMIT @Recent) GROUP BY et.topic_id
            ) counted JOIN topics t ON t.id = counted.topic_id
            ORDER BY counted.engagements DESC, t.name LIMIT @Take
            """,
        SqlServer: $"""
            SELECT TOP (@Take) t.id AS topic_id, t.name, counted.engagements FROM (
                SELECT et.topic_id, COUNT(*) AS engagements FROM engagement_topics et
                WHERE et.engagement_id IN (SELECT TOP (@Recent) e.id {RecentEngagementsOfOrganisation}) GROUP BY et.topic_id
            ) counted JOIN topics t ON t.id = counted.topic_id
            ORDER BY counted.engagements DESC, t.name
            """);

    private static readonly SqlText RegistrationOfOrganisation = SqlText.Portable($"""
        SELECT {RegisterQueries.Columns} FROM register_entries e
        WHERE e.identification_code = (SELECT o.transparency_register_id FROM organisations o WHERE o.id = @Id)
        """);

    /// <summary>
    /// The whole briefing in one batch, read in one snapshot. The child lists of the engagements, commitments and
    /// memberships select their parents again by the same ordered, limited walk as the statement that lists them (the
    /// order is total, ending in the id), rather than by ids a second round trip would have to carry.
    /// </summary>
    private static readonly SqlText Briefing = SqlText.Batch(
        OrganisationQueries.ById,
        Representatives,
        Engagements,
        EngagementQueries.ChildrenOf(FirstIds("e.id", RecentEngagementsOfOrganisation, "@RecentEngagements")),
        OpenCommitments,
        CommitmentQueries.HistoryOf(FirstIds("c.id", OpenCommitmentsOfOrganisation, "@MaxOpenCommitments")),
        Memberships,
        MembershipQueries.HistoryOf(FirstIds("m.id", MembershipsOfOrganisation, "@MaxMemberships")),
        Figures,
        Topics,
        RegistrationOfOrganisation,
        RegisterQueries.AnyImport);

    public Task<BriefingResponse> Handle(GetOrganisationBriefing query, CancellationToken cancellationToken)
    {
        var id = query.OrganisationId;
        var parameters = new
        {
            Id = id, caller.Cleared, SeesRestricted = caller.IsAdmin, MaxRepresentatives, RecentEngagements, MaxOpenCommitments, MaxMemberships, RecentFigures,
            Take = TopTopics, Recent = TopicEngagements,
        };
        return session.InReadSnapshotAsync(async () =>
        {
            var restricted = await RestrictedContacts.NamesAsync(session, caller, cancellationToken);
            return await session.QueryMultipleAsync(Briefing, parameters, grid => ReadAsync(grid, id, restricted), cancellationToken);
        }, cancellationToken);
    }

    private async Task<BriefingResponse> ReadAsync(Dapper.SqlMapper.GridReader grid, Guid id, IReadOnlyList<string> restricted)
    {
        var organisation = await grid.ReadSingleOrDefaultAsync<OrganisationResponse>()
                           ?? throw new NotFoundException(OrganisationQueries.EntityType, id);
        var representatives = (await grid.ReadAsync<Representative>()).ToList();
        var engagements = await EngagementQueries.WithChildrenAsync(grid, caller, (await grid.ReadAsync<EngagementResponse>()).ToList(), calendar.Today,
            restricted);
        var commitments = (await CommitmentQueries.WithHistoryAsync(grid, clock, (await grid.ReadAsync<CommitmentResponse>()).ToList()))
            .Select(c => CommitmentQueries.AsSeenBy(c, restricted)).ToList();
        var memberships = await MembershipQueries.WithHistoryAsync(grid, (await grid.ReadAsync<MembershipResponse>()).ToList());
        var figures = await grid.ReadAsync<FigureQueries.PointRow>();
        var topics = (await grid.ReadAsync<TopicCount>()).ToList();
        var entry = await grid.ReadSingleOrDefaultAsync<RegisterEntryResponse>();
        var anyImport = await grid.ReadSingleAsync<int>() == 1;
        return new BriefingResponse
        {
            Organisation = organisation with
            {
                Registration = entry,
                Registered = RegisterQueries.IsRegistered(organisation.TransparencyRegisterId, entry, anyImport),
            },
            Representatives = representatives,
            RecentEngagements = engagements,
            OpenCommitments = commitments,
            OverdueCommitments = commitments.Where(c => c.Overdue).ToList(),
            Memberships = memberships,
            LatestFigures = LatestOfEachSeries(figures),
            TopTopics = topics,
        };
    }

    /// <summary>A subquery of the first <paramref name="take"/> values of <paramref name="column"/> that an ordered FROM … ORDER BY selects.</summary>
    private static SqlText FirstIds(string column, string ordered, string take)
        => new($"SELECT {column} {ordered} LIMIT {take}", $"SELECT TOP ({take}) {column} {ordered}");

    /// <summary>The newest figure of each series (then the greatest id), ordered by metric, unit and scope.</summary>
    private static IReadOnlyList<LatestFigure> LatestOfEachSeries(IEnumerable<FigureQueries.PointRow> newestOfEachWrittenSeries) => newestOfEachWrittenSeries
        .GroupBy(f => FigureQueries.SeriesKey(f.MetricKey, f.Unit, f.Scope))
        .OrderBy(g => g.Key.MetricKey, StringComparer.Ordinal).ThenBy(g => g.Key.Unit, StringComparer.Ordinal).ThenBy(g => g.Key.Scope, StringComparer.Ordinal)
        .Select(g => g.MaxBy(f => (f.ObservedOn, f.FigureId))!)
        .Select(f => new LatestFigure { Metric = f.Metric, Unit = f.Unit, Scope = f.Scope, Value = f.Value, ObservedOn = f.ObservedOn, FigureId = f.FigureId })
        .ToList();
}
