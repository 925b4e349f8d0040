using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>
/// How one archivable resource is named and described in the contract: its route, its singular and plural names as
/// in operation ids and the tag (<c>Organisation</c>, <c>Organisations</c>), the article for summaries, and what
/// its create, list and patch operations say.
/// </summary>
public sealed record ResourceDocs(string Route, string Name, string Plural, string Article, string CreateSummary, string ListSummary)
{
    public string Lower => Name.ToLowerInvariant();
    public string? GetSummary { get; init; }
    public string? PatchSummary { get; init; }
}

/// <summary>
/// The six routes every archivable resource has, mapped the same way: create, read, list, merge-patch, archive
/// (DELETE) and restore, with If-Match on every change and the problems each can answer.
/// </summary>
public static class ResourceEndpoints
{
    public static RouteGroupBuilder MapArchivableResource<TCreate, TList, TResponse, TFields>(
        this IEndpointRouteBuilder app, ResourceDocs docs,
        Func<Guid, IRequest<TResponse>> get,
        Func<Guid, int?, JsonElement, IRequest<TResponse>> update,
        Func<Guid, int?, bool, IRequest<TResponse>> archive)
        where TCreate : IRequest<TResponse>
        where TList : IRequest<Page<TResponse>>
        where TResponse : IVersioned
        where TFields : notnull
    {
        var group = app.SecuredGroup(docs.Route, docs.Plural);

        group.MapPost("/", async Task<Created<TResponse>> (TCreate command, IMediator mediator, HttpContext http) =>
            {
                var created = await mediator.Send(command, http.RequestAborted);
                return http.CreatedWithETag($"{docs.Route}/{created.Id}", created);
            })
            .WithName($"Create{docs.Name}").WithSummary(docs.CreateSummary)
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 409, 413);

        group.MapGet("/{id:guid}", async Task<Ok<TResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(get(id), http.RequestAborted)))
            .WithName($"Get{docs.Name}").WithSummary(docs.GetSummary ?? $"Read {docs.Article} {docs.Lower}, archived or not.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);

        group.MapGet("/", async Task<Ok<Page<TResponse>>> ([AsParameters] TList query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName($"List{docs.Plural}").WithSummary(docs.ListSummary)
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        group.MapPatch("/{id:guid}", async Task<Ok<TResponse>> (Guid id, [FromBody] JsonElement patch, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(update(id, ETags.RequiredVersion(http.Request), patch), http.RequestAborted)))
            .WithName($"Update{docs.Name}").WithSummary(docs.PatchSummary ?? $"Change {docs.Article} {docs.Lower} with a JSON merge patch; If-Match is required.")
            .Accepts<TFields>(MergePatch.ContentType, "application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);

        group.MapDelete("/{id:guid}", async Task<Ok<TResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(archive(id, ETags.RequiredVersion(http.Request), true), http.RequestAborted)))
            .WithName($"Archive{docs.Name}").WithSummary($"Archive {docs.Article} {docs.Lower}; it stays readable by id. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);

        group.MapPost("/{id:guid}/restore", async Task<Ok<TResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(archive(id, ETags.RequiredVersion(http.Request), false), http.RequestAborted)))
            .WithName($"Restore{docs.Name}").WithSummary($"Bring an archived {docs.Lower} back. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);

        group.MapGet("/{id:guid}/history", async Task<Ok<Page<HistoryEntry>>> (Guid id, int? limit, string? cursor, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(new GetHistory(docs.Lower, id, limit, cursor), http.RequestAborted)))
            .WithName($"Get{docs.Name}History").WithSummary($"Who changed {docs.Article} {docs.Lower}, when, and how: each change with its before and after.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400, 404);

        return group;
    }
}
