using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Organisations;

public static class OrganisationEndpoints
{
    public const string Route = "/api/organisations";

    public static void MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        var organisations = app.SecuredGroup(Route, "Organisations");

        organisations.MapPost("/", async Task<Created<OrganisationResponse>> (CreateOrganisation command, IMediator mediator, HttpContext http) =>
            {
                var created = await mediator.Send(command, http.RequestAborted);
                return http.CreatedWithETag($"{Route}/{created.Id}", created);
            })
            .WithName("CreateOrganisation").WithSummary("Record an organisation.")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 409, 413);

        organisations.MapGet("/{id:guid}", async Task<Ok<OrganisationResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new GetOrganisation(id), http.RequestAborted)))
            .WithName("GetOrganisation").WithSummary("Read an organisation, archived or not.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);

        organisations.MapGet("/", async Task<Ok<Page<OrganisationResponse>>> ([AsParameters] ListOrganisations query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListOrganisations").WithSummary("List organisations, filtered and sorted, one keyset page at a time.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        organisations.MapPatch("/{id:guid}", async Task<Ok<OrganisationResponse>> (Guid id, [FromBody] JsonElement patch, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new UpdateOrganisation(id, ETags.RequiredVersion(http.Request), patch), http.RequestAborted)))
            .WithName("UpdateOrganisation").WithSummary("Change an organisation with a JSON merge patch; If-Match is required.")
            .Accepts<OrganisationFields>(MergePatch.ContentType, "application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);

        organisations.MapDelete("/{id:guid}", async Task<Ok<OrganisationResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveOrganisation(id, ETags.RequiredVersion(http.Request), Archived: true), http.RequestAborted)))
            .WithName("ArchiveOrganisation").WithSummary("Archive an organisation; it stays readable by id. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);

        organisations.MapPost("/{id:guid}/restore", async Task<Ok<OrganisationResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveOrganisation(id, ETags.RequiredVersion(http.Request), Archived: false), http.RequestAborted)))
            .WithName("RestoreOrganisation").WithSummary("Bring an archived organisation back. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);
    }
}
