using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Commitments;

public static class CommitmentEndpoints
{
    public const string Route = "/api/commitments";

    public static void MapCommitmentEndpoints(this IEndpointRouteBuilder app)
    {
        var commitments = app.SecuredGroup(Route, "Commitments");

        commitments.MapPost("/", async Task<Created<CommitmentResponse>> (CreateCommitment command, IMediator mediator, HttpContext http) =>
            {
                var created = await mediator.Send(command, http.RequestAborted);
                return http.CreatedWithETag($"{Route}/{created.Id}", created);
            })
            .WithName("CreateCommitment").WithSummary("Record what an organisation promised us, or we promised them.")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 409, 413);

        commitments.MapGet("/{id:guid}", async Task<Ok<CommitmentResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new GetCommitment(id), http.RequestAborted)))
            .WithName("GetCommitment").WithSummary("Read a commitment with its full status history.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);

        commitments.MapGet("/", async Task<Ok<Page<CommitmentResponse>>> ([AsParameters] ListCommitments query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListCommitments").WithSummary("Follow up commitments: by organisation, status, owner, due date or overdue, one keyset page at a time.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        commitments.MapPatch("/{id:guid}", async Task<Ok<CommitmentResponse>> (Guid id, [FromBody] JsonElement patch, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new UpdateCommitment(id, ETags.RequiredVersion(http.Request), patch), http.RequestAborted)))
            .WithName("UpdateCommitment").WithSummary("Change a commitment's fields with a JSON merge patch (not its status); If-Match is required.")
            .Accepts<CommitmentFields>(MergePatch.ContentType, "application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);

        commitments.MapPost("/{id:guid}/transitions", async Task<Ok<CommitmentResponse>> (Guid id, TransitionRequest transition, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new TransitionCommitment(id, ETags.RequiredVersion(http.Request), transition), http.RequestAborted)))
            .WithName("TransitionCommitment")
            .WithSummary("Move a commitment along its lifecycle (fulfilment needs evidence); an illegal step is a 409 naming the allowed ones. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);

        commitments.MapDelete("/{id:guid}", async Task<Ok<CommitmentResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveCommitment(id, ETags.RequiredVersion(http.Request), Archived: true), http.RequestAborted)))
            .WithName("ArchiveCommitment").WithSummary("Archive a commitment; it stays readable by id. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);

        commitments.MapPost("/{id:guid}/restore", async Task<Ok<CommitmentResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveCommitment(id, ETags.RequiredVersion(http.Request), Archived: false), http.RequestAborted)))
            .WithName("RestoreCommitment").WithSummary("Bring an archived commitment back. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);
    }
}
