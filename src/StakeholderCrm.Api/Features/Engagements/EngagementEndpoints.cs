using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Engagements;

public static class EngagementEndpoints
{
    public const string Route = "/api/engagements";

    public static void MapEngagementEndpoints(this IEndpointRouteBuilder app)
    {
        var engagements = app.SecuredGroup(Route, "Engagements");

        engagements.MapPost("/", async Task<Created<EngagementResponse>> (CreateEngagement command, IMediator mediator, HttpContext http) =>
            {
                var created = await mediator.Send(command, http.RequestAborted);
                return http.CreatedWithETag($"{Route}/{created.Id}", created);
            })
            .WithName("CreateEngagement").WithSummary("Record a meeting, call, visit or workshop with both sides' participants, key points, links and distribution.")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 409, 413);

        engagements.MapGet("/{id:guid}", async Task<Ok<EngagementResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new GetEngagement(id), http.RequestAborted)))
            .WithName("GetEngagement").WithSummary("Read an engagement with all its lists, archived or not.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);

        engagements.MapGet("/", async Task<Ok<Page<EngagementResponse>>> ([AsParameters] ListEngagements query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListEngagements").WithSummary("Find engagements by organisation, participant, topic, date or words, newest first, one keyset page at a time.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        engagements.MapPatch("/{id:guid}", async Task<Ok<EngagementResponse>> (Guid id, [FromBody] JsonElement patch, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new UpdateEngagement(id, ETags.RequiredVersion(http.Request), patch), http.RequestAborted)))
            .WithName("UpdateEngagement").WithSummary("Change an engagement with a JSON merge patch (lists are replaced whole); If-Match is required.")
            .Accepts<EngagementFields>(MergePatch.ContentType, "application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);

        engagements.MapDelete("/{id:guid}", async Task<Ok<EngagementResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveEngagement(id, ETags.RequiredVersion(http.Request), Archived: true), http.RequestAborted)))
            .WithName("ArchiveEngagement").WithSummary("Archive an engagement; it stays readable by id. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);

        engagements.MapPost("/{id:guid}/restore", async Task<Ok<EngagementResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveEngagement(id, ETags.RequiredVersion(http.Request), Archived: false), http.RequestAborted)))
            .WithName("RestoreEngagement").WithSummary("Bring an archived engagement back. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);
    }
}
