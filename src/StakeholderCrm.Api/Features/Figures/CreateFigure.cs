using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Figures;

public sealed record CreateFigure : FigureFields, ICommand<FigureResponse>;

public sealed class CreateFigureValidator : AbstractValidator<CreateFigure>
{
    public CreateFigureValidator() => Include(new FigureFieldsValidator());
}

public sealed class CreateFigureHandler(DbSession session, ChangeLog changes, TimeProvider clock, Caller caller) : IRequestHandler<CreateFigure, FigureResponse>
{
    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO figures (id, organisation_id, metric, metric_key, value, unit, scope, period_start, period_end, as_of, observed_on, observed_at,
            source_engagement_id, stated_by_id, note, version, created_at, updated_at, archived)
        VALUES (@Id, @OrganisationId, @Metric, @MetricKey, @Value, @Unit, @Scope, @PeriodStart, @PeriodEnd, @AsOf, @ObservedOn, @ObservedAt,
            @SourceEngagementId, @StatedById, @Note, @Version, @Now, @Now, 0)
        """);

    public async Task<FigureResponse> Handle(CreateFigure command, CancellationToken cancellationToken)
    {
        await FigureQueries.CheckReferencesAsync(session, caller, command, cancellationToken);
        var id = Guid.CreateVersion7();
        await session.ExecuteAsync(Insert, FigureWrites.Row(id, 1, command, clock.GetUtcNow()), cancellationToken);
        return await FigureWrites.ReloadAndRecordAsync(session, caller, changes, id, ChangeOperation.Created, cancellationToken);
    }
}
