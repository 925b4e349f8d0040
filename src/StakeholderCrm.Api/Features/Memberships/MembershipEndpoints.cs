using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Memberships;

public static class MembershipEndpoints
{
    public const string Route = "/api/memberships";

    public static void MapMembershipEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapArchivableResource<CreateMembership, ListMemberships, MembershipResponse, MembershipFields>(
            new ResourceDocs(Route, "Membership", "Memberships", "a",
                "Record an organisation's relation to a body; one live membership per organisation and body.",
                "List memberships by organisation, body and status, or as they stood on a date (asOf).")
            {
                GetSummary = "Read a membership with its status history.",
                PatchSummary = "Change a membership's fields with a JSON merge patch (not its status); If-Match is required.",
            },
            id => new GetMembership(id),
            (id, version, patch) => new UpdateMembership(id, version, patch),
            (id, version, archived) => new ArchiveMembership(id, version, archived))
            .MapPost("/{id:guid}/transitions",
                async Task<Ok<MembershipResponse>> (Guid id, MembershipTransitionRequest transition, IMediator mediator, HttpContext http) =>
                    http.OkWithETag(await mediator.Send(new TransitionMembership(id, ETags.RequiredVersion(http.Request), transition), http.RequestAborted)))
            .WithName("TransitionMembership")
            .WithSummary("Change a membership's status, effective on a day; the history keeps every step. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);
    }
}
