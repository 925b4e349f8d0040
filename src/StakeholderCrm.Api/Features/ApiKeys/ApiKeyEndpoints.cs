using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.ApiKeys;

public static class ApiKeyEndpoints
{
    public const string Route = "/api/admin/api-keys";

    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.SecuredGroup(Route, "API keys").RequireAuthorization(Policies.Admin);

        keys.MapPost("/", async Task<Created<CreatedApiKeyResponse>> (CreateApiKey command, IMediator mediator, HttpContext http) =>
            {
                var created = await mediator.Send(command, http.RequestAborted);
                return TypedResults.Created($"{Route}/{created.Id}", created);
            })
            .WithName("CreateApiKey").WithSummary("Issue an API key; the secret is returned this once.")
            .ProducesProblems(400, 409, 413);

        keys.MapGet("/", async Task<Ok<Page<ApiKeyResponse>>> ([AsParameters] ListApiKeys query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListApiKeys").WithSummary("List API keys, revoked ones included, without their secrets.")
            .ProducesProblems(400);

        keys.MapPost("/{id:guid}/rotate", async Task<Ok<CreatedApiKeyResponse>> (Guid id, IMediator mediator, ApiKeyCache cache, UnitOfWork unitOfWork,
                HttpContext http) =>
            {
                var rotated = await mediator.Send(new RotateApiKey(id), http.RequestAborted);
                // Once committed: a request authenticated in between would otherwise cache the old secret again.
                unitOfWork.AfterCommit(cache.Clear);
                return TypedResults.Ok(rotated);
            })
            .WithName("RotateApiKey").WithSummary("Replace a key's secret: the new one is returned this once; the old one fails with 401 from now on.")
            .ProducesProblems(404, 409);

        keys.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, IMediator mediator, ApiKeyCache cache, UnitOfWork unitOfWork, HttpContext http) =>
            {
                await mediator.Send(new RevokeApiKey(id), http.RequestAborted);
                unitOfWork.AfterCommit(cache.Clear);
                return TypedResults.NoContent();
            })
            .WithName("RevokeApiKey").WithSummary("Revoke an API key; requests with it fail with 401 from now on.")
            .ProducesProblems(404);
    }
}
