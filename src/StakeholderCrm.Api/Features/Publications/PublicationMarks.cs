using Dapper;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Publications;

/// <summary>
/// An editor's publication mark or exemption, written as a new version of the engagement with its change row, so that
/// the history keeps every mark: what the two mark commands share.
/// </summary>
public sealed class PublicationMarks(DbSession session, ChangeLog changes, TimeProvider clock, Caller caller, PublicationCalendar calendar)
{
    public DateOnly Today => calendar.Today;

    /// <summary>The engagement as it is now; the version If-Match names is checked by <see cref="WriteAsync"/>.</summary>
    public Task<EngagementResponse> LoadAsync(Guid id, CancellationToken cancellationToken)
        => EngagementQueries.LoadAsync(session, caller, id, calendar.Today, cancellationToken);

    public async Task<EngagementResponse> WriteAsync(EngagementResponse current, int? requiredVersion, bool unchanged, SqlText update, object values,
        CancellationToken cancellationToken)
    {
        // The mark it already has, as a retry sends it (even one whose first answer was lost, with the If-Match of
        // before): no new version, history entry or change for consumers.
        if (unchanged) return current;
        Archiving.CheckEditable(current, requiredVersion, EngagementQueries.EntityType);
        var parameters = new DynamicParameters(values);
        parameters.AddDynamicParams(new { current.Id, current.Version, Now = clock.GetUtcNow() });
        if (await session.ExecuteAsync(update, parameters, cancellationToken) == 0) throw Archiving.Stale(EngagementQueries.EntityType);
        var engagement = await EngagementQueries.LoadAsync(session, caller, current.Id, calendar.Today, cancellationToken);
        await changes.RecordAsync(EngagementQueries.EntityType, engagement.Id, ChangeOperation.Updated, engagement.Version, engagement, cancellationToken);
        return engagement;
    }
}
