using MediatR;
using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>The external contacts due for erasure under <c>DataProtection:InactiveContactYears</c>.</summary>
public sealed record ListRetention : IQuery<RetentionList>;

/// <summary>
/// What a contact last did: took part in, wrote or received an engagement; began or ended a position; made or owns a commitment;
/// or, with none later, was recorded.
/// </summary>
public enum RetentionActivity { Engagement, PositionChange, Commitment, Recorded }

/// <summary>A contact with no activity since the cut-off, and its last activity.</summary>
public sealed record RetentionCandidate
{
    public Guid Id { get; init; }
    /// <summary>The name; after an applied erasure, the pseudonym.</summary>
    [PersonalData] public string FullName { get; init; } = "";
    /// <summary>The day of the last activity.</summary>
    public DateOnly LastActivityOn { get; init; }
    public RetentionActivity LastActivity { get; init; }
}

public sealed record RetentionList
{
    public int InactiveContactYears { get; init; }
    /// <summary>Activity on or after this day keeps a contact.</summary>
    public DateOnly Cutoff { get; init; }
    /// <summary>By name; at most 1000.</summary>
    public IReadOnlyList<RetentionCandidate> Items { get; init; } = [];
    /// <summary>true: more contacts are due than listed; applying erases the listed ones, and the next apply the rest.</summary>
    public bool Truncated { get; init; }
}

public sealed class ListRetentionHandler(DbSession session, IOptions<DataProtectionOptions> options, TimeProvider clock)
    : IRequestHandler<ListRetention, RetentionList>
{
    public Task<RetentionList> Handle(ListRetention query, CancellationToken cancellationToken)
        => RetentionQueries.CandidatesAsync(session, options.Value.InactiveContactYears, clock, cancellationToken);
}

/// <summary>
/// Who retention erases: external contacts (current position not at one of our own units, or none), not erased nor restricted (a
/// restriction keeps data the person needs kept, Article 20(1)(c)), with no engagement, position date, commitment or creation of
/// the contact on or after the cut-off. Our own staff are kept while their current position is at one of our units.
/// </summary>
internal static class RetentionQueries
{
    public const int MaxCandidates = 1000;

    private static readonly SqlText Candidates = SqlText.Limited("""
        SELECT a.id, a.full_name, a.recorded_at, a.last_engagement, a.last_from, a.last_to, a.last_commitment
        FROM (
            SELECT c.id, c.full_name, c.name_key, c.created_at AS recorded_at,
                (SELECT MAX(e.meeting_date) FROM engagements e WHERE e.author_id = c.id
                    OR e.id IN (SELECT p.engagement_id FROM engagement_participants p WHERE p.contact_id = c.id)
                    OR e.id IN (SELECT d.engagement_id FROM engagement_distribution d WHERE d.contact_id = c.id)) AS last_engagement,
                (SELECT MAX(cp.from_date) FROM contact_positions cp WHERE cp.contact_id = c.id) AS last_from,
                (SELECT MAX(cp.to_date) FROM contact_positions cp WHERE cp.contact_id = c.id) AS last_to,
                (SELECT MAX(m.created_at) FROM commitments m WHERE m.committed_by_id = c.id OR m.owner_id = c.id) AS last_commitment
            FROM contacts c
            WHERE c.erased_at IS NULL AND c.restricted = 0
                AND (c.current_organisation_id IS NULL
                    OR c.current_organisation_id NOT IN (SELECT o.id FROM organisations o WHERE o.internal = 1))
        ) a
        WHERE a.recorded_at < @CutoffTime
            AND (a.last_engagement IS NULL OR a.last_engagement < @Cutoff)
            AND (a.last_from IS NULL OR a.last_from < @Cutoff)
            AND (a.last_to IS NULL OR a.last_to < @Cutoff)
            AND (a.last_commitment IS NULL OR a.last_commitment < @CutoffTime)
        ORDER BY a.name_key, a.id
        """);

    private sealed record Row
    {
        public Guid Id { get; init; }
        public string FullName { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
        public DateOnly? LastEngagement { get; init; }
        public DateOnly? LastFrom { get; init; }
        public DateOnly? LastTo { get; init; }
        public DateTimeOffset? LastCommitment { get; init; }
    }

    public static async Task<RetentionList> CandidatesAsync(DbSession session, int years, TimeProvider clock, CancellationToken cancellationToken)
    {
        var cutoff = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(-years);
        var rows = (await session.QueryAsync<Row>(Candidates, new
        {
            Cutoff = cutoff, CutoffTime = new DateTimeOffset(cutoff.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Take = MaxCandidates + 1,
        }, cancellationToken)).ToList();
        return new RetentionList
        {
            InactiveContactYears = years,
            Cutoff = cutoff,
            Items = rows.Take(MaxCandidates).Select(Candidate).ToList(),
            Truncated = rows.Count > MaxCandidates,
        };
    }

    private static RetentionCandidate Candidate(Row row)
    {
        var activities = new (DateOnly? On, RetentionActivity What)[]
        {
            (row.LastEngagement, RetentionActivity.Engagement),
            (row.LastFrom, RetentionActivity.PositionChange),
            (row.LastTo, RetentionActivity.PositionChange),
            (row.LastCommitment is { } made ? DateOnly.FromDateTime(made.UtcDateTime) : null, RetentionActivity.Commitment),
            (DateOnly.FromDateTime(row.RecordedAt.UtcDateTime), RetentionActivity.Recorded),
        };
        // MaxBy takes the first of equals: an activity explains a day better than the record's creation.
        var last = activities.Where(a => a.On is not null).MaxBy(a => a.On!.Value);
        return new RetentionCandidate { Id = row.Id, FullName = row.FullName, LastActivityOn = last.On!.Value, LastActivity = last.What };
    }
}
