using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Figures;

/// <summary>Reading figures: the columns, one by id, the references a write names, and how points make series.</summary>
internal static class FigureQueries
{
    public const string EntityType = "figure";
    public const string Columns = """
        f.id, f.organisation_id, f.metric, f.value, f.unit, f.scope, f.period_start, f.period_end, f.as_of, f.observed_on,
        f.source_engagement_id, f.stated_by_id, f.note, f.version, f.created_at, f.updated_at, f.archived
        """;

    public static readonly SqlText ById = SqlText.Portable($"SELECT {Columns} FROM figures f WHERE f.id = @Id");

    public static async Task<FigureResponse> LoadAsync(DbSession session, Caller caller, Guid id, CancellationToken cancellationToken)
        => await session.QuerySingleOrDefaultAsync<FigureResponse>(ById, new { Id = id }, cancellationToken) is { } figure
           && !await SensitiveRecords.HidesAsync(session, caller, figure.SourceEngagementId, cancellationToken)
            ? figure
            : throw new NotFoundException(EntityType, id);

    public static async Task CheckReferencesAsync(DbSession session, Caller caller, FigureFields fields, CancellationToken cancellationToken)
    {
        var references = new References(session, caller);
        await references.OneAsync(OrganisationQueries.Exists, fields.OrganisationId, "organisationId", "organisation", cancellationToken);
        await references.OneAsync(SensitiveRecords.EngagementExists, fields.SourceEngagementId, "sourceEngagementId", "engagement", cancellationToken);
        await references.OneAsync(ContactQueries.Exists, fields.StatedById, "statedById", "contact", cancellationToken);
        references.ThrowIfInvalid();
    }

    /// <summary>Points of one metric in differently written units or scopes ("EUR", "eur ") are one series, in the series and the briefing alike.</summary>
    public static (string MetricKey, string Unit, string Scope) SeriesKey(string metricKey, string unit, string? scope)
        => (metricKey, Text.Key(unit), Text.Key(scope ?? ""));

    /// <summary>A figure as a point of its series.</summary>
    public sealed record PointRow
    {
        public Guid FigureId { get; init; }
        public string Metric { get; init; } = "";
        public string MetricKey { get; init; } = "";
        public string Unit { get; init; } = "";
        public string? Scope { get; init; }
        public DateOnly ObservedOn { get; init; }
        public DateOnly? PeriodStart { get; init; }
        public decimal Value { get; init; }
        public Guid? SourceEngagementId { get; init; }
    }
}
