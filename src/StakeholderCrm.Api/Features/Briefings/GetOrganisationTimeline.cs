using System.Globalization;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Briefings;

public enum TimelineEntryType { Engagement, CommitmentStatus, MembershipStatus, Figure }

/// <summary>One thing that happened with an organisation.</summary>
public sealed record TimelineEntry
{
    /// <summary>When: an engagement's start, a commitment's status change, the day a membership status took effect, a figure's date.</summary>
    public DateTimeOffset At { get; init; }
    public Guid EntryId { get; init; }
    public TimelineEntryType Type { get; init; }
    /// <summary>The engagement, commitment, membership or figure.</summary>
    public Guid EntityId { get; init; }
    /// <summary>The engagement's or commitment's title, the body's name, or the figure's metric.</summary>
    public string Title { get; init; } = "";
    /// <summary>The engagement's status, or the status a commitment or membership moved to.</summary>
    public string? Status { get; init; }
    public string? PreviousStatus { get; init; }
    public decimal? Value { get; init; }
    public string? Unit { get; init; }
}

public sealed record GetOrganisationTimeline : IQuery<Page<TimelineEntry>>
{
    public Guid OrganisationId { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class GetOrganisationTimelineValidator : AbstractValidator<GetOrganisationTimeline>
{
    public GetOrganisationTimelineValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
}

public sealed class GetOrganisationTimelineHandler(DbSession session, Caller caller) : IRequestHandler<GetOrganisationTimeline, Page<TimelineEntry>>
{
    private const string Sort = "-at";

    internal static readonly SqlText FirstPage = SqlText.Limited($"{Entries(afterCursor: false)} ORDER BY at DESC, entry_id DESC");

    internal static readonly SqlText NextPage = SqlText.Limited($"{Entries(afterCursor: true)} ORDER BY at DESC, entry_id DESC");

    /// <summary>
    /// The four kinds of entry, each walked newest first on an index that starts with the organisation, and merged: a
    /// page reads about a page of each, not the organisation's whole history (TikTok has a tenth of everything).
    /// </summary>
    private static string Entries(bool afterCursor)
    {
        string After(string at, string id) => afterCursor ? $"AND {Keyset.After(at, id, true, "@CursorTime")}" : "";
        return $"""
            SELECT eo.starts_at AS at, eo.engagement_id AS entry_id, 'engagement' AS type, e.id AS entity_id, e.title AS title,
                e.status AS status, NULL AS previous_status, NULL AS value, NULL AS unit
            FROM engagement_organisations eo CROSS JOIN engagements e
            WHERE eo.organisation_id = @OrganisationId AND e.id = eo.engagement_id AND e.archived = 0
                AND {SensitiveRecords.VisibleEngagement("e")} {After("eo.starts_at", "eo.engagement_id")}
            UNION ALL
            SELECT t.occurred_at, t.id, 'commitmentStatus', c.id, c.title, t.to_status, t.from_status, NULL, NULL
            FROM commitment_transitions t CROSS JOIN commitments c
            WHERE t.organisation_id = @OrganisationId AND c.id = t.commitment_id AND c.archived = 0
                AND {SensitiveRecords.VisibleSource("c.made_in_engagement_id")} {After("t.occurred_at", "t.id")}
            UNION ALL
            SELECT h.effective_at, h.id, 'membershipStatus', m.id, b.name, h.status, NULL, NULL, NULL
            FROM membership_history h CROSS JOIN memberships m CROSS JOIN bodies b
            WHERE h.organisation_id = @OrganisationId AND m.id = h.membership_id AND b.id = m.body_id AND m.archived = 0
                AND {SensitiveRecords.VisibleSource("m.source_engagement_id")} {After("h.effective_at", "h.id")}
            UNION ALL
            SELECT f.observed_at, f.id, 'figure', f.id, f.metric, NULL, NULL, f.value, f.unit
            FROM figures f
            WHERE f.organisation_id = @OrganisationId AND f.archived = 0
                AND {SensitiveRecords.VisibleSource("f.source_engagement_id")} {After("f.observed_at", "f.id")}
            """;
    }

    public async Task<Page<TimelineEntry>> Handle(GetOrganisationTimeline query, CancellationToken cancellationToken)
    {
        if (await session.ExecuteScalarAsync<long>(OrganisationQueries.Exists, new { Id = query.OrganisationId }, cancellationToken) == 0)
        {
            throw new NotFoundException(OrganisationQueries.EntityType, query.OrganisationId);
        }
        var after = Cursor.Decode(query.Cursor, Sort);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var rows = (await session.QueryAsync<TimelineEntry>(after is null ? FirstPage : NextPage, new
        {
            query.OrganisationId, CursorTime = after is null ? (DateTimeOffset?)null : Cursor.Time(after.Value.Value), CursorId = after?.Id, Take = limit + 1,
            caller.Cleared,
        }, cancellationToken)).ToList();
        var restricted = await RestrictedContacts.NamesAsync(session, caller, cancellationToken);
        if (restricted.Count > 0) rows = rows.Select(e => e with { Title = RestrictedContacts.WithoutNames(e.Title, restricted) }).ToList();
        return Cursor.Page(rows, limit, e => Cursor.Encode(Sort, e.At.ToString("O", CultureInfo.InvariantCulture), e.EntryId));
    }
}
