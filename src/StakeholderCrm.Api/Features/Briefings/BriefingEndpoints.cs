using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Briefings;

public static class BriefingEndpoints
{
    public static void MapBriefingEndpoints(this IEndpointRouteBuilder app)
    {
        var organisations = app.SecuredGroup("/api/organisations", "Briefings");

        organisations.MapGet("/{id:guid}/timeline",
            async Task<Ok<Page<TimelineEntry>>> (Guid id, int? limit, string? cursor, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(new GetOrganisationTimeline { OrganisationId = id, Limit = limit, Cursor = cursor }, http.RequestAborted)))
            .WithName("GetOrganisationTimeline")
            .WithSummary("Engagements, commitment and membership status changes and figures of an organisation, newest first, one keyset page at a time.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400, 404);

        organisations.MapGet("/{id:guid}/briefing", async Task<Ok<BriefingResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(new GetOrganisationBriefing(id), http.RequestAborted)))
            .WithName("GetOrganisationBriefing")
            .WithSummary("Prepare the next meeting: representatives, recent engagements, open and overdue commitments, memberships, latest figures, "
                + "top topics.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);
    }
}
