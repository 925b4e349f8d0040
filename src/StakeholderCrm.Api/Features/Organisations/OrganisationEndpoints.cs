using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Organisations;

public static class OrganisationEndpoints
{
    private static readonly ResourceDocs Docs = new ResourceDocs(Route, "Organisation", "Organisations", "an", "Record an organisation.",
        "List organisations, filtered and sorted, one keyset page at a time.");

    public const string Route = "/api/organisations";

    public static void MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapArchivableResource<CreateOrganisation, ListOrganisations, OrganisationResponse, OrganisationFields>(
            Docs,
            id => new GetOrganisation(id),
            (id, version, patch) => new UpdateOrganisation(id, version, patch),
            (id, version, archived) => new ArchiveOrganisation(id, version, archived))
            .MapExternalIds<CreateOrganisation, OrganisationResponse, OrganisationFields>(Docs, id => new GetOrganisation(id),
                (id, version, patch) => new UpdateOrganisation(id, version, patch))
            .MapBulk<CreateOrganisation, ListOrganisations, OrganisationResponse, OrganisationFields>(Docs,
                (query, cursor) => query with { Cursor = cursor, Limit = 200 }, o => o);

        app.SecuredGroup(Route, Docs.Plural).MapGet("/{id:guid}/register-matches", async Task<Ok<RegisterMatchesResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(new FindRegisterMatches(id), http.RequestAborted)))
            .WithName("FindOrganisationRegisterMatches")
            .WithSummary("Suggest Transparency Register entries that may be the organisation's, by its name, aliases, acronym and website.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);
    }
}
