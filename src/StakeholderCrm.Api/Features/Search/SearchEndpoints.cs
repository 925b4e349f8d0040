using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Search;

public static class SearchEndpoints
{
    public static void MapSearchEndpoints(this IEndpointRouteBuilder app)
        => app.SecuredGroup("/api/search", "Search")
            .MapGet("/", async Task<Ok<SearchResponse>> ([AsParameters] SearchEverything query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("Search")
            .WithSummary("Find organisations, contacts, engagements and commitments by words, ranked, each with its type and a snippet.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);
}
