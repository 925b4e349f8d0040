using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Topics;

public static class TopicEndpoints
{
    public const string Route = "/api/topics";

    public static void MapTopicEndpoints(this IEndpointRouteBuilder app)
    {
        var topics = app.SecuredGroup(Route, "Topics");

        topics.MapPost("/", async Task<Created<TopicResponse>> (CreateTopic command, IMediator mediator, HttpContext http) =>
            {
                var created = await mediator.Send(command, http.RequestAborted);
                return http.CreatedWithETag($"{Route}/{created.Id}", created);
            })
            .WithName("CreateTopic").WithSummary("Add a topic to the vocabulary.")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 409, 413);

        topics.MapGet("/{id:guid}", async Task<Ok<TopicResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new GetTopic(id), http.RequestAborted)))
            .WithName("GetTopic").WithSummary("Read a topic, archived or not.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);

        topics.MapGet("/", async Task<Ok<Page<TopicResponse>>> ([AsParameters] ListTopics query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListTopics").WithSummary("List topics in name order, one keyset page at a time.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        topics.MapPatch("/{id:guid}", async Task<Ok<TopicResponse>> (Guid id, [FromBody] JsonElement patch, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new UpdateTopic(id, ETags.RequiredVersion(http.Request), patch), http.RequestAborted)))
            .WithName("UpdateTopic").WithSummary("Change a topic with a JSON merge patch; If-Match is required.")
            .Accepts<TopicFields>(MergePatch.ContentType, "application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);

        topics.MapDelete("/{id:guid}", async Task<Ok<TopicResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveTopic(id, ETags.RequiredVersion(http.Request), Archived: true), http.RequestAborted)))
            .WithName("ArchiveTopic").WithSummary("Archive a topic; it stays readable by id. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);

        topics.MapPost("/{id:guid}/restore", async Task<Ok<TopicResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveTopic(id, ETags.RequiredVersion(http.Request), Archived: false), http.RequestAborted)))
            .WithName("RestoreTopic").WithSummary("Bring an archived topic back. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);
    }
}
