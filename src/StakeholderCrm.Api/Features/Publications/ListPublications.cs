using System.Globalization;
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

    /// <summary>A page of the engagements themselves, read whole: the list and the exports share it.</summary>
    internal static async Task<Page<EngagementResponse>> ReadAsync(DbSession session, Caller caller, DateOnly today, ListPublications query,
        CancellationToken cancellationToken)
    {
        var after = Cursor.Decode(query.Cursor, "publications");
        var (afterRank, afterDate) = after is null ? (0, default) : Position(after.Value.Value);
        var parameters = new DynamicParameters(PublicationConditions.Parameters(today));
        parameters.AddDynamicParams(new
        {
            StatusRank = ApiEnum<PublicationStatus>.TryParse(query.Status, out var status) ? PublicationConditions.RankOf(status) : (int?)null,
            query.From, query.To, CursorRank = afterRank, CursorDate = afterDate, CursorId = after?.Id,
            Take = (query.Limit ?? Cursor.DefaultLimit) + 1, caller.Cleared,
        });
        var rows = (await session.QueryAsync<EngagementResponse>(Sql(session.Dialect, query, after is not null), parameters, cancellationToken)).ToList();
        var page = Cursor.Page(rows, query.Limit ?? Cursor.DefaultLimit, e => Cursor.Encode("publications", CursorValue(e, today), e.Id));
        return page with { Items = await EngagementQueries.WithChildrenAsync(session, page.Items, today, cancellationToken) };
    }

    private static string Sql(Dialect dialect, ListPublications query, bool afterCursor)
    {
        var rank = PublicationConditions.Rank;
        var conditions = new List<string>
        {
            "e.archived = 0", SensitiveRecords.VisibleEngagement("e"), $"(e.published_on IS NOT NULL OR ({PublicationConditions.Required}))",
        };
        if (query.Status is not null) conditions.Add($"{rank} = @StatusRank");
        if (query.From is not null) conditions.Add("e.meeting_date >= @From");
        if (query.To is not null) conditions.Add("e.meeting_date <= @To");
        if (afterCursor)
        {
            conditions.Add($"({rank} > @CursorRank OR ({rank} = @CursorRank AND (e.meeting_date > @CursorDate "
                + "OR (e.meeting_date = @CursorDate AND e.id > @CursorId))))");
        }
        return $"SELECT {EngagementQueries.Columns} FROM engagements e {Keyset.Where(conditions)} ORDER BY {rank}, e.meeting_date, e.id {dialect.LimitClause}";
    }

    // The rank is read from the row itself, not from the derived status, so that the cursor and the SQL order agree.
    private static string CursorValue(EngagementResponse e, DateOnly today)
        => $"{(e.PublishedOn is not null ? 2 : e.MeetingDate < today.AddDays(-PublicationDuty.DaysToPublish) ? 0 : 1)}|{e.MeetingDate:yyyy-MM-dd}";

    private static (int Rank, DateOnly Date) Position(string? value)
        => value?.Split('|') is [var rank, var date] && int.TryParse(rank, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? (parsed, Cursor.Date(date))
            : throw new BadRequestFieldException("cursor", "The cursor is not one this list issued; start again without a cursor.");
}
