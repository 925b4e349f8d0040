using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Changes;

public static class ChangeEndpoints
{
    public static void MapChangeEndpoints(this IEndpointRouteBuilder app)
        => app.SecuredGroup("/api/changes", "Changes")
            .MapGet("/", async Task<Ok<ChangeFeedPage>> ([AsParameters] ListChanges query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListChanges")
            .WithSummary("The change feed: every committed change after a cursor, in commit order; sync from nothing, then poll with nextCursor.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);
}
