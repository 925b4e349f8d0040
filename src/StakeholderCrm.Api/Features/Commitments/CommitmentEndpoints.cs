using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Commitments;

public static class CommitmentEndpoints
{
    private static readonly ResourceDocs Docs = new ResourceDocs(Route, "Commitment", "Commitments", "a",
        "Record what an organisation promised us, or we promised them.",
        "Follow up commitments: by organisation, status, owner, due date or overdue, one keyset page at a time.")
    {
        GetSummary = "Read a commitment with its full status history.",
        PatchSummary = "Change a commitment's fields with a JSON merge patch (not its status); If-Match is required.",
    };

    public const string Route = "/api/commitments";

    public static void MapCommitmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapArchivableResource<CreateCommitment, ListCommitments, CommitmentResponse, CommitmentFields>(
            Docs,
            id => new GetCommitment(id),
            (id, version, patch) => new UpdateCommitment(id, version, patch),
            (id, version, archived) => new ArchiveCommitment(id, version, archived))
            .MapExternalIds<CreateCommitment, CommitmentResponse, CommitmentFields>(Docs, id => new GetCommitment(id),
                (id, version, patch) => new UpdateCommitment(id, version, patch))
            .MapBulk<CreateCommitment, ListCommitments, CommitmentResponse, CommitmentFields>(Docs,
                (query, cursor) => query with { Cursor = cursor, Limit = 200 }, c => c)
            .MapPost("/{id:guid}/transitions",
                async Task<Ok<CommitmentResponse>> (Guid id, TransitionRequest transition, IMediator mediator, HttpContext http) =>
                    http.OkWithETag(await mediator.Send(new TransitionCommitment(id, ETags.RequiredVersion(http.Request), transition), http.RequestAborted)))
            .WithName("TransitionCommitment")
            .WithSummary("Move a commitment along its lifecycle (fulfilment needs evidence); an illegal step is a 409 naming the allowed ones. "
                + "If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);
    }
}
