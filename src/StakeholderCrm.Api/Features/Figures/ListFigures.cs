using System.Globalization;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Figures;

/// <summary>Figures, newest observation first.</summary>
public sealed record ListFigures : IQuery<Page<FigureResponse>>
{
    public Guid? OrganisationId { get; init; }
    /// <summary>The metric's name, ignoring case.</summary>
    public string? Metric { get; init; }
    public Guid? SourceEngagementId { get; init; }
    public bool? IncludeArchived { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListFiguresValidator : AbstractValidator<ListFigures>
{
    public ListFiguresValidator()
    {
        RuleFor(q => q.Metric).Must(m => !string.IsNullOrWhiteSpace(m) && Text.Characters(m) <= 200).When(q => q.Metric is not null)
            .WithMessage("'metric' must name a metric: not empty, at most 200 characters.");
        RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }
}

public sealed class ListFiguresHandler(DbSession session, Caller caller) : IRequestHandler<ListFigures, Page<FigureResponse>>
{
    private const string Sort = "-observedOn";

    public async Task<Page<FigureResponse>> Handle(ListFigures query, CancellationToken cancellationToken)
    {
        var after = Cursor.Decode(query.Cursor, Sort);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var rows = (await session.QueryAsync<FigureResponse>(Sql(session.Dialect, query, after is not null), new
        {
            query.OrganisationId, MetricKey = query.Metric is null ? null : Text.Key(query.Metric), query.SourceEngagementId,
            CursorDate = after is null ? (DateOnly?)null : Cursor.Date(after.Value.Value),
            CursorId = after?.Id, Take = limit + 1, caller.Cleared,
        }, cancellationToken)).ToList();
        return Cursor.Page(rows, limit, f => Cursor.Encode(Sort, f.ObservedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), f.Id));
    }

    internal static string Sql(Dialect dialect, ListFigures query, bool afterCursor)
    {
        var conditions = new List<string> { SensitiveRecords.VisibleSource("f.source_engagement_id") };
        if (query.IncludeArchived != true) conditions.Add("f.archived = 0");
        if (query.OrganisationId is not null) conditions.Add("f.organisation_id = @OrganisationId");
        if (query.Metric is not null) conditions.Add("f.metric_key = @MetricKey");
        if (query.SourceEngagementId is not null) conditions.Add("f.source_engagement_id = @SourceEngagementId");
        if (afterCursor) conditions.Add(Keyset.After("f.observed_on", "f.id", descending: true, "@CursorDate"));
        return $"SELECT {FigureQueries.Columns} FROM figures f {Keyset.Where(conditions)} "
            + $"{Keyset.OrderBy("f.observed_on", "f.id", true)} {dialect.LimitClause}";
    }
}
