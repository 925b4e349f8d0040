using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Figures;

/// <summary>An organisation's figures as series, one per metric, unit and scope, each in time order.</summary>
public sealed record GetFigureSeries(Guid OrganisationId, string? Metric) : IQuery<FigureSeriesResponse>;

public sealed record FigurePoint
{
    public Guid FigureId { get; init; }
    public DateOnly ObservedOn { get; init; }
    public DateOnly? PeriodStart { get; init; }
    public decimal Value { get; init; }
    public Guid? SourceEngagementId { get; init; }
}

public sealed record FigureSeries
{
    public string Metric { get; init; } = "";
    public string Unit { get; init; } = "";
    public string? Scope { get; init; }
    public IReadOnlyList<FigurePoint> Points { get; init; } = [];
    public FigurePoint Latest => Points[^1];
}

public sealed record FigureSeriesResponse(Guid OrganisationId, IReadOnlyList<FigureSeries> Series);

public sealed class GetFigureSeriesValidator : AbstractValidator<GetFigureSeries>
{
    public GetFigureSeriesValidator() => RuleFor(q => q.Metric).Must(m => m is null || (!string.IsNullOrWhiteSpace(m) && Text.Characters(m) <= 200))
        .WithMessage("'metric' must name a metric: not empty, at most 200 characters; omit it for every metric.");
}

public sealed class GetFigureSeriesHandler(DbSession session, Caller caller) : IRequestHandler<GetFigureSeries, FigureSeriesResponse>
{
    private static readonly SqlText Points = SqlText.Portable($"""
        SELECT f.id AS figure_id, f.metric, f.metric_key, f.unit, f.scope, f.observed_on, f.period_start, f.value, f.source_engagement_id
        FROM figures f
        WHERE f.organisation_id = @OrganisationId AND f.archived = 0 AND (@MetricKey IS NULL OR f.metric_key = @MetricKey)
            AND {SensitiveRecords.VisibleSource("f.source_engagement_id")}
        ORDER BY f.metric_key, f.observed_on, f.id
        """);

    public async Task<FigureSeriesResponse> Handle(GetFigureSeries query, CancellationToken cancellationToken)
    {
        if (await session.ExecuteScalarAsync<long>(OrganisationQueries.Exists, new { Id = query.OrganisationId }, cancellationToken) == 0)
        {
            throw new NotFoundException(OrganisationQueries.EntityType, query.OrganisationId);
        }
        var rows = await session.QueryAsync<FigureQueries.PointRow>(Points,
            new { query.OrganisationId, MetricKey = query.Metric is null ? null : Text.Key(query.Metric), caller.Cleared }, cancellationToken);
        return new FigureSeriesResponse(query.OrganisationId, Series(rows));
    }

    /// <summary>Groups points in time order into series.</summary>
    private static IReadOnlyList<FigureSeries> Series(IEnumerable<FigureQueries.PointRow> rows) => rows
        .GroupBy(r => FigureQueries.SeriesKey(r.MetricKey, r.Unit, r.Scope))
        .Select(g => new FigureSeries
        {
            Metric = g.Last().Metric, Unit = g.Last().Unit, Scope = g.Last().Scope,
            Points = g.Select(r => new FigurePoint
            {
                FigureId = r.FigureId, ObservedOn = r.ObservedOn, PeriodStart = r.PeriodStart, Value = r.Value, SourceEngagementId = r.SourceEngagementId,
            }).ToList(),
        }).ToList();

}
