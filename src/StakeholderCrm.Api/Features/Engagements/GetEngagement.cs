using MediatR;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Engagements;

/// <summary>One engagement with all its lists, in two round trips whatever their size.</summary>
public sealed record GetEngagement(Guid Id) : IQuery<EngagementResponse>;

public sealed class GetEngagementHandler(DbSession session, Caller caller, PublicationCalendar calendar) : IRequestHandler<GetEngagement, EngagementResponse>
{
    public Task<EngagementResponse> Handle(GetEngagement query, CancellationToken cancellationToken)
        => EngagementQueries.LoadAsync(session, caller, query.Id, calendar.Today, cancellationToken);
}
