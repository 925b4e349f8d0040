using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Bodies;

public static class BodyEndpoints
{
    public const string Route = "/api/bodies";

    public static void MapBodyEndpoints(this IEndpointRouteBuilder app)
    {
        var bodies = app.SecuredGroup(Route, "Bodies");

        bodies.MapPost("/", async Task<Created<BodyResponse>> (CreateBody command, IMediator mediator, HttpContext http) =>
            {
                var created = await mediator.Send(command, http.RequestAborted);
                return http.CreatedWithETag($"{Route}/{created.Id}", created);
            })
            .WithName("CreateBody").WithSummary("Record a forum, code or alliance that organisations join or sign.")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 409, 413);

        bodies.MapGet("/{id:guid}", async Task<Ok<BodyResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new GetBody(id), http.RequestAborted)))
            .WithName("GetBody").WithSummary("Read a body, archived or not.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);

        bodies.MapGet("/", async Task<Ok<Page<BodyResponse>>> ([AsParameters] ListBodies query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListBodies").WithSummary("List bodies in name order, by kind or name, one keyset page at a time.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        bodies.MapPatch("/{id:guid}", async Task<Ok<BodyResponse>> (Guid id, [FromBody] JsonElement patch, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new UpdateBody(id, ETags.RequiredVersion(http.Request), patch), http.RequestAborted)))
            .WithName("UpdateBody").WithSummary("Change a body with a JSON merge patch; If-Match is required.")
            .Accepts<BodyFields>(MergePatch.ContentType, "application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);

        bodies.MapDelete("/{id:guid}", async Task<Ok<BodyResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveBody(id, ETags.RequiredVersion(http.Request), Archived: true), http.RequestAborted)))
            .WithName("ArchiveBody").WithSummary("Archive a body; it stays readable by id. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);

        bodies.MapPost("/{id:guid}/restore", async Task<Ok<BodyResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveBody(id, ETags.RequiredVersion(http.Request), Archived: false), http.RequestAborted)))
            .WithName("RestoreBody").WithSummary("Bring an archived body back. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);
    }
}
