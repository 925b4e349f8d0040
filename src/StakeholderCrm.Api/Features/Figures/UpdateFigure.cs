using System.Text.Json;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Figures;

public sealed record UpdateFigure(Guid Id, int? RequiredVersion, JsonElement Patch) : ICommand<FigureResponse>;

public sealed class UpdateFigureHandler(DbSession session, ChangeLog changes, TimeProvider clock, IValidator<FigureFields> validator, Caller caller)
    : IRequestHandler<UpdateFigure, FigureResponse>
{
    private static readonly SqlText Update = SqlText.Portable("""
        UPDATE figures SET organisation_id = @OrganisationId, metric = @Metric, metric_key = @MetricKey, value = @Value, unit = @Unit,
            scope = @Scope, period_start = @PeriodStart, period_end = @PeriodEnd, as_of = @AsOf, observed_on = @ObservedOn,
            observed_at = @ObservedAt, source_engagement_id = @SourceEngagementId, stated_by_id = @StatedById, note = @Note,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public async Task<FigureResponse> Handle(UpdateFigure command, CancellationToken cancellationToken)
    {
        var current = await FigureQueries.LoadAsync(session, caller, command.Id, cancellationToken);
        Archiving.CheckEditable(current, command.RequiredVersion, FigureQueries.EntityType);
        var fields = MergePatch.Apply<FigureFields>(current, command.Patch);
        await validator.ValidateAndThrowAsync(fields, cancellationToken);
        var now = clock.GetUtcNow();
        var row = FigureWrites.Row(current.Id, current.Version, fields, now);
        if (MergePatch.ChangesNothing(FigureWrites.Row(current.Id, current.Version, current, now), row)) return current;
        await FigureQueries.CheckReferencesAsync(session, caller, fields, cancellationToken);
        var rows = await session.ExecuteAsync(Update, row, cancellationToken);
        if (rows == 0) throw Archiving.Stale(FigureQueries.EntityType);
        return await FigureWrites.ReloadAndRecordAsync(session, caller, changes, current.Id, ChangeOperation.Updated, cancellationToken);
    }
}
