using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Figures;

/// <summary>The write steps figure commands share; reads are in <see cref="FigureQueries"/>.</summary>
internal static class FigureWrites
{
    public static object Row(Guid id, int version, FigureFields fields, DateTimeOffset now)
    {
        var observedOn = fields.AsOf ?? fields.PeriodEnd!.Value;
        return new
        {
            Id = id, Version = version, fields.OrganisationId, Metric = fields.Metric!.Trim(), MetricKey = Text.Key(fields.Metric), fields.Value,
            Unit = fields.Unit!.Trim(), fields.Scope, fields.PeriodStart, fields.PeriodEnd, fields.AsOf, ObservedOn = observedOn,
            ObservedAt = new DateTimeOffset(observedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            fields.SourceEngagementId, fields.StatedById, fields.Note, Now = now,
        };
    }

    public static async Task<FigureResponse> ReloadAndRecordAsync(DbSession session, Caller caller, ChangeLog changes, Guid id, ChangeOperation operation,
        CancellationToken cancellationToken)
    {
        var figure = await FigureQueries.LoadAsync(session, caller, id, cancellationToken);
        await changes.RecordAsync(FigureQueries.EntityType, id, operation, figure.Version, figure, cancellationToken);
        return figure;
    }
}
