using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Contacts;

public static class ContactEndpoints
{
    public const string Route = "/api/contacts";

    public static void MapContactEndpoints(this IEndpointRouteBuilder app)
    {
        var contacts = app.SecuredGroup(Route, "Contacts");

        contacts.MapPost("/", async Task<Created<ContactResponse>> (CreateContact command, IMediator mediator, HttpContext http) =>
            {
                var created = await mediator.Send(command, http.RequestAborted);
                return http.CreatedWithETag($"{Route}/{created.Id}", created);
            })
            .WithName("CreateContact").WithSummary("Record a person: a stakeholder's representative or one of our own staff.")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 409, 413);

        contacts.MapGet("/{id:guid}", async Task<Ok<ContactResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new GetContact(id), http.RequestAborted)))
            .WithName("GetContact").WithSummary("Read a contact, archived or not.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);

        contacts.MapGet("/", async Task<Ok<Page<ContactResponse>>> ([AsParameters] ListContacts query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListContacts").WithSummary("List people, filtered and sorted, one keyset page at a time.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        contacts.MapPatch("/{id:guid}", async Task<Ok<ContactResponse>> (Guid id, [FromBody] JsonElement patch, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new UpdateContact(id, ETags.RequiredVersion(http.Request), patch), http.RequestAborted)))
            .WithName("UpdateContact").WithSummary("Change a contact with a JSON merge patch (positions are replaced whole); If-Match is required.")
            .Accepts<ContactFields>(MergePatch.ContentType, "application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);

        contacts.MapDelete("/{id:guid}", async Task<Ok<ContactResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveContact(id, ETags.RequiredVersion(http.Request), Archived: true), http.RequestAborted)))
            .WithName("ArchiveContact").WithSummary("Archive a contact; it stays readable by id. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);

        contacts.MapPost("/{id:guid}/restore", async Task<Ok<ContactResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveContact(id, ETags.RequiredVersion(http.Request), Archived: false), http.RequestAborted)))
            .WithName("RestoreContact").WithSummary("Bring an archived contact back. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);
    }
}
