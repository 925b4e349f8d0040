using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Memberships;

public static class MembershipEndpoints
{
    public const string Route = "/api/memberships";

    public static void MapMembershipEndpoints(this IEndpointRouteBuilder app)
    {
        var memberships = app.SecuredGroup(Route, "Memberships");

        memberships.MapPost("/", async Task<Created<MembershipResponse>> (CreateMembership command, IMediator mediator, HttpContext http) =>
            {
                var created = await mediator.Send(command, http.RequestAborted);
                return http.CreatedWithETag($"{Route}/{created.Id}", created);
            })
            .WithName("CreateMembership").WithSummary("Record an organisation's relation to a body; one live membership per organisation and body.")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 409, 413);

        memberships.MapGet("/{id:guid}", async Task<Ok<MembershipResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new GetMembership(id), http.RequestAborted)))
            .WithName("GetMembership").WithSummary("Read a membership with its status history.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);

        memberships.MapGet("/", async Task<Ok<Page<MembershipResponse>>> ([AsParameters] ListMemberships query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListMemberships").WithSummary("List memberships by organisation, body and status, or as they stood on a date (asOf).")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        memberships.MapPatch("/{id:guid}", async Task<Ok<MembershipResponse>> (Guid id, [FromBody] JsonElement patch, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new UpdateMembership(id, ETags.RequiredVersion(http.Request), patch), http.RequestAborted)))
            .WithName("UpdateMembership").WithSummary("Change a membership's fields with a JSON merge patch (not its status); If-Match is required.")
            .Accepts<MembershipFields>(MergePatch.ContentType, "application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);

        memberships.MapPost("/{id:guid}/transitions", async Task<Ok<MembershipResponse>> (Guid id, MembershipTransitionRequest transition, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new TransitionMembership(id, ETags.RequiredVersion(http.Request), transition), http.RequestAborted)))
            .WithName("TransitionMembership")
            .WithSummary("Change a membership's status, effective on a day; the history keeps every step. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);

        memberships.MapDelete("/{id:guid}", async Task<Ok<MembershipResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveMembership(id, ETags.RequiredVersion(http.Request), Archived: true), http.RequestAborted)))
            .WithName("ArchiveMembership").WithSummary("Archive a membership; it stays readable by id. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);

        memberships.MapPost("/{id:guid}/restore", async Task<Ok<MembershipResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveMembership(id, ETags.RequiredVersion(http.Request), Archived: false), http.RequestAborted)))
            .WithName("RestoreMembership").WithSummary("Bring an archived membership back. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);
    }
}
