using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Memberships;

public sealed record ListMemberships : IQuery<Page<MembershipResponse>>
{
    public Guid? OrganisationId { get; init; }
    public Guid? BodyId { get; init; }
    /// <summary>The current status, or with asOf the status on that date.</summary>
    [OneOf<MembershipStatus>]
    public string? Status { get; init; }
    /// <summary>Only memberships that existed on this date, each with the status it had then (statusAsOf).</summary>
    public DateOnly? AsOf { get; init; }
    public bool? IncludeArchived { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListMembershipsValidator : AbstractValidator<ListMemberships>
{
    public ListMembershipsValidator()
    {
        RuleFor(q => q.Status).OneOf(ApiEnum<MembershipStatus>.Names);
        RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }
}

public sealed class ListMembershipsHandler(DbSession session, Caller caller) : IRequestHandler<ListMemberships, Page<MembershipResponse>>
{
    private const string Sort = "id";

    /// <summary>The history row in force on @AsOf: the latest effective on or before it.</summary>
    private const string StatusOnDate = """
        JOIN membership_history h ON h.membership_id = m.id AND h.effective_on <= @AsOf
            AND NOT EXISTS (SELECT 1 FROM membership_history later WHERE later.membership_id = m.id AND later.effective_on <= @AsOf
                AND (later.effective_on > h.effective_on OR (later.effective_on = h.effective_on AND later.sequence > h.sequence)))
        """;

    public async Task<Page<MembershipResponse>> Handle(ListMemberships query, CancellationToken cancellationToken)
    {
        var after = Cursor.Decode(query.Cursor, Sort);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var rows = (await session.QueryAsync<MembershipResponse>(Sql(session.Dialect, query, after is not null), new
        {
            query.OrganisationId, query.BodyId, query.AsOf,
            query.Status,
            CursorId = after?.Id, Take = limit + 1, caller.Cleared,
        }, cancellationToken)).ToList();
        var page = Cursor.Page(rows, limit, m => Cursor.Encode(Sort, null, m.Id));
        return page with { Items = await MembershipQueries.WithHistoryAsync(session, page.Items, cancellationToken) };
    }

    internal static string Sql(Dialect dialect, ListMemberships query, bool afterCursor)
    {
        var conditions = new List<string> { SensitiveRecords.VisibleSource("m.source_engagement_id") };
        if (query.IncludeArchived != true) conditions.Add("m.archived = 0");
        if (query.OrganisationId is not null) conditions.Add("m.organisation_id = @OrganisationId");
        if (query.BodyId is not null) conditions.Add("m.body_id = @BodyId");
        if (query.Status is not null) conditions.Add(query.AsOf is null ? "m.status = @Status" : "h.status = @Status");
        if (afterCursor) conditions.Add("m.id > @CursorId");
        var (asOfColumn, asOfJoin) = query.AsOf is null ? ("NULL AS status_as_of", "") : ("h.status AS status_as_of", StatusOnDate);
        return $"SELECT {MembershipQueries.Columns}, {asOfColumn} FROM {MembershipQueries.From} {asOfJoin} {Keyset.Where(conditions)} "
            + $"ORDER BY m.id {dialect.LimitClause}";
    }
}
