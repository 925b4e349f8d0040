using Dapper;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Publications;

public sealed record ListPublications : IQuery<Page<PublicationItem>>
{
    /// <summary>pending, overdue or published; left out, all three.</summary>
    [OneOf("pending", "overdue", "published")]
    public string? Status { get; init; }
    /// <summary>Meetings on or after this day (in their own time zone).</summary>
    public DateOnly? From { get; init; }
    /// <summary>Meetings on or before this day.</summary>
    public DateOnly? To { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListPublicationsValidator : AbstractValidator<ListPublications>
{
    public static readonly IReadOnlyList<string> Statuses =
        typeof(ListPublications).GetProperty(nameof(ListPublications.Status))!.GetCustomAttributes(typeof(OneOfAttribute), false)
            .Cast<OneOfAttribute>().Single().Allowed;

    public ListPublicationsValidator()
    {
        RuleFor(q => q.Status).OneOf(Statuses);
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("'to' must not be before 'from'.");
        RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }
}

/// <summary>A meeting to publish: what the Commission's register shows of it, and its duty.</summary>
public sealed record PublicationItem
{
    public Guid EngagementId { get; init; }
    public string Title { get; init; } = "";
    public EngagementKind Kind { get; init; }
    /// <summary>The day it was held, in its own time zone.</summary>
    public DateOnly MeetingDate { get; init; }
    public string? Location { get; init; }
    public Confidentiality Confidentiality { get; init; }
    public IReadOnlyList<OrganisationMet> Organisations { get; init; } = [];
    /// <summary>Our participants in a covered function who attended: one row each in the export.</summary>
    public IReadOnlyList<Participant> CoveredParticipants { get; init; } = [];
    public Publication Publication { get; init; } = new();
    /// <summary>The engagement's version, for the If-Match of POST /api/engagements/{id}/publication.</summary>
    public int Version { get; init; }

    public static PublicationItem Of(EngagementResponse e) => new()
    {
        EngagementId = e.Id, Title = e.Title, Kind = e.Kind, MeetingDate = e.MeetingDate, Location = e.Location, Confidentiality = e.Confidentiality,
        Organisations = e.Organisations, CoveredParticipants = PublicationDuty.CoveredAttendees(e).ToList(), Publication = e.Publication,
        Version = e.Version,
    };
}

/// <summary>The meetings that must be or were published, overdue first, then pending, then published, each by date.</summary>
public sealed class ListPublicationsHandler(DbSession session, Caller caller, PublicationCalendar calendar)
    : IRequestHandler<ListPublications, Page<PublicationItem>>
{
    public async Task<Page<PublicationItem>> Handle(ListPublications query, CancellationToken cancellationToken)
    {
        var page = await ReadAsync(session, caller, calendar.Today, query, cancellationToken);
        return new Page<PublicationItem>(page.Items.Select(PublicationItem.Of).ToList(), page.NextCursor);
    }

    /// <summary>
    /// A page of the engagements themselves, read whole: the list and the exports share it. Each status is its own walk of
    /// the meeting-date index, in the list's order, that stops once the page is full: the requirement is checked only on
    /// the rows walked, never on every engagement to sort them.
    /// </summary>
    internal static Task<Page<EngagementResponse>> ReadAsync(DbSession session, Caller caller, DateOnly today, ListPublications query,
        CancellationToken cancellationToken)
        // Up to three walks and the page's lists: one snapshot, so that a mark made meanwhile neither repeats nor skips a row.
        => session.InReadSnapshotAsync(() => ReadPageAsync(session, caller, today, query, cancellationToken), cancellationToken);

    private static async Task<Page<EngagementResponse>> ReadPageAsync(DbSession session, Caller caller, DateOnly today, ListPublications query,
        CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var after = Cursor.Decode(query.Cursor, CursorSort);
        var statuses = ApiEnum<PublicationStatus>.TryParse(query.Status, out var only) ? [only] : PublicationConditions.Order;
        var (first, afterDate) = after is null ? (statuses[0], default) : Position(after.Value.Value, statuses);
        var rows = new List<EngagementResponse>();
        foreach (var status in statuses.SkipWhile(s => s != first))
        {
            var continues = after is not null && status == first;
            var parameters = new DynamicParameters(PublicationConditions.Parameters(today));
            parameters.AddDynamicParams(new
            {
                query.From, query.To, CursorDate = afterDate, CursorId = after?.Id, Take = limit + 1 - rows.Count, caller.Cleared,
            });
            rows.AddRange(await session.QueryAsync<EngagementResponse>(Sql(session.Dialect, status, query, continues), parameters, cancellationToken));
            if (rows.Count > limit) break;
        }
        var page = Cursor.Page(rows, limit, e => Cursor.Encode(CursorSort, $"{Json.Name(PublicationConditions.StatusOf(e, today))}|{e.MeetingDate:yyyy-MM-dd}", e.Id));
        return page with { Items = await EngagementQueries.WithChildrenAsync(session, caller, page.Items, today, cancellationToken) };
    }

    private const string CursorSort = "publications";

    internal static string Sql(Dialect dialect, PublicationStatus status, ListPublications query, bool afterCursor)
    {
        var conditions = new List<string> { "e.archived = 0", SensitiveRecords.VisibleEngagement("e"), PublicationConditions.Of(status) };
        if (query.From is not null) conditions.Add("e.meeting_date >= @From");
        if (query.To is not null) conditions.Add("e.meeting_date <= @To");
        if (afterCursor) conditions.Add(Keyset.After("e.meeting_date", "e.id", descending: false, "@CursorDate"));
        return $"SELECT {EngagementQueries.Columns} FROM engagements e {Keyset.Where(conditions)} "
            + $"{Keyset.OrderBy("e.meeting_date", "e.id", descending: false)} {dialect.LimitClause}";
    }

    /// <summary>The status and meeting date a cursor holds; a status this list does not walk is a cursor from another list.</summary>
    private static (PublicationStatus Status, DateOnly Date) Position(string? value, IReadOnlyList<PublicationStatus> statuses)
        => value?.Split('|') is [var status, var date] && ApiEnum<PublicationStatus>.TryParse(status, out var parsed) && statuses.Contains(parsed)
            ? (parsed, Cursor.Date(date))
            : throw new BadRequestFieldException("cursor", "The cursor is not one this list issued; start again without a cursor.");
}
