using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Resources;

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

    /// <summary>Further problems a create, patch or replace can answer: 422 when a rule of the domain refuses the record.</summary>
    public int[] WriteProblems { get; init; } = [];
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
        => app.MapArchivableResource<TCreate, TList, TResponse, TResponse, TFields>(docs, get, update, archive);

    /// <summary>As above, for a resource whose list pages hold <typeparamref name="TItem"/> summaries rather than full records.</summary>
    public static RouteGroupBuilder MapArchivableResource<TCreate, TList, TItem, TResponse, TFields>(
        this IEndpointRouteBuilder app, ResourceDocs docs,
        Func<Guid, IRequest<TResponse>> get,
        Func<Guid, int?, JsonElement, IRequest<TResponse>> update,
        Func<Guid, int?, bool, IRequest<TResponse>> archive)
        where TCreate : IRequest<TResponse>
        where TList : IRequest<Page<TItem>>
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
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 409, 413).ProducesProblems(docs.WriteProblems);

        group.MapGet("/{id:guid}", async Task<Ok<TResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(get(id), http.RequestAborted)))
            .WithName($"Get{docs.Name}").WithSummary(docs.GetSummary ?? $"Read {docs.Article} {docs.Lower}, archived or not.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);

        group.MapGet("/", async Task<Ok<Page<TItem>>> ([AsParameters] TList query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName($"List{docs.Plural}").WithSummary(docs.ListSummary)
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        group.MapPatch("/{id:guid}", async Task<Ok<TResponse>> (Guid id, [FromBody] JsonElement patch, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(update(id, ETags.RequiredVersion(http.Request), patch), http.RequestAborted)))
            .WithName($"Update{docs.Name}")
            .WithSummary(docs.PatchSummary ?? $"Change {docs.Article} {docs.Lower} with a JSON merge patch; If-Match is required.")
            .Accepts<TFields>(MergePatch.ContentType, "application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428).ProducesProblems(docs.WriteProblems);

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

    /// <summary>
    /// GET and PUT on <c>by-external-id/{system}/{externalId}</c>: PUT creates the record or replaces all its fields (the
    /// idempotent way for a script to sync), and keeps the external id among <c>externalIds</c>.
    /// </summary>
    public static RouteGroupBuilder MapExternalIds<TCreate, TResponse, TFields>(
        this RouteGroupBuilder group, ResourceDocs docs,
        Func<Guid, IRequest<TResponse>> get,
        Func<Guid, int?, JsonElement, IRequest<TResponse>> update)
        where TCreate : IRequest<TResponse>
        where TResponse : IVersioned
        where TFields : notnull, new()
    {
        const string route = "/by-external-id/{system}/{externalId}";

        group.MapGet(route, async Task<Ok<TResponse>> (string system, string externalId, IMediator mediator, HttpContext http) =>
            {
                var id = await mediator.Send(new FindByExternalId(docs.Lower, system, externalId), http.RequestAborted)
                         ?? throw new NotFoundException($"No {docs.Lower} has the external id {system}/{externalId}.");
                return http.OkWithETag(await mediator.Send(get(id), http.RequestAborted));
            })
            .WithName($"Get{docs.Name}ByExternalId").WithSummary($"Read the {docs.Lower} another system knows by this id.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);

        group.MapPut(route, async Task<Results<Created<TResponse>, Ok<TResponse>>> (
                string system, string externalId, [FromBody] JsonElement body, IMediator mediator, HttpContext http) =>
            {
                var fields = WithExternalId(body, system, externalId);
                var id = await mediator.Send(new FindByExternalId(docs.Lower, system, externalId), http.RequestAborted);
                if (id is null)
                {
                    var created = await mediator.Send(Json.Read<TCreate>(fields), http.RequestAborted);
                    return http.CreatedWithETag($"{docs.Route}/{created.Id}", created);
                }
                if (fields.ContainsKey(ClearableFields.Member))
                {
                    throw new BadRequestFieldException(ClearableFields.Member, "A replace takes no 'clear': a field it leaves out is cleared.");
                }
                // Every field it leaves out is cleared, but for those that always have a value, which it keeps.
                var given = JsonSerializer.SerializeToNode(new TFields(), Json.Options)!.AsObject();
                foreach (var (name, value) in fields) given[name] = value?.DeepClone();
                // Read and written back, a nested object names each of its members, so that the merge patch replaces it
                // rather than merging it into the stored one.
                var replacement = JsonSerializer.SerializeToNode(Json.Read<TFields>(given), Json.Options)!.AsObject();
                foreach (var name in ClearableFields.Defaulted(typeof(TFields)).Where(name => replacement[name] is null)) replacement.Remove(name);
                var version = http.Request.Headers.IfMatch.Count > 0 ? ETags.RequiredVersion(http.Request) : null;
                return http.OkWithETag(await mediator.Send(update(id.Value, version, Json.Element(replacement)), http.RequestAborted));
            })
            .WithName($"Put{docs.Name}ByExternalId")
            .WithSummary($"Create {docs.Article} {docs.Lower} under another system's id, or replace all its fields: retry it freely. If-Match is optional.")
            .Accepts<TFields>("application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413).ProducesProblems(docs.WriteProblems);

        return group;
    }

    private static JsonObject WithExternalId(JsonElement body, string system, string externalId)
    {
        if (body.ValueKind != JsonValueKind.Object) throw new BadRequestFieldException("body", "The body must be a JSON object of the record's fields.");
        var fields = JsonObject.Create(body)!;
        switch (fields["externalIds"])
        {
            case null:
                fields["externalIds"] = new JsonArray(ExternalId(system, externalId));
                break;
            case JsonArray ids when !ids.Any(entry => entry is JsonObject id && Json.TextOrNull(id["system"]) == system
                    && Json.TextOrNull(id["id"]) == externalId):
                ids.Add(ExternalId(system, externalId));
                break;
            default:
                // Anything else is not a list of ids: strict reading names it, rather than this replacing it.
                break;
        }
        return fields;
    }

    private static JsonObject ExternalId(string system, string externalId) => new() { ["system"] = system, ["id"] = externalId };

    /// <summary>
    /// POST <c>batch</c> (JSON items) and <c>import.csv</c>, both atomic or independent and optionally a dry run, and
    /// GET <c>export.csv</c>, which streams every record the list's filters select.
    /// </summary>
    public static RouteGroupBuilder MapBulk<TCreate, TList, TResponse, TFields>(
        this RouteGroupBuilder group, ResourceDocs docs, Func<TList, string?, IRequest<Page<TResponse>>> page, Func<TResponse, TFields> fieldsOf)
        where TCreate : IRequest<TResponse>
        where TList : notnull
        where TResponse : IVersioned, Resources.IArchivable
        where TFields : notnull
    {
        group.MapPost("/batch", async Task<Ok<BatchResponse>> ([FromBody] JsonElement body, string? mode, bool? dryRun, Batches batches, HttpContext http) =>
            {
                if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                {
                    throw new BadRequestFieldException("items", "Send {\"items\": [...]} with 1 to 1000 records.");
                }
                var commands = items.EnumerateArray()
                    .Select(item => (Func<IRequest<TResponse>>)(() => Json.Read<TCreate>(item)))
                    .ToList();
                return TypedResults.Ok(await batches.RunAsync(commands, Mode(mode), dryRun ?? false, "items", i => i, http.RequestAborted));
            })
            .WithName($"Create{docs.Plural}InBatch")
            .WithSummary($"Create up to 1000 {docs.Plural.ToLowerInvariant()}: mode=atomic (all or nothing) or independent (a result per item); "
                + "dryRun=true validates only.")
            .Accepts<BatchOf<TCreate>>("application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 413);

        group.MapPost("/import.csv", async Task<Ok<BatchResponse>> (HttpRequest request, string? mode, bool? dryRun, Batches batches) =>
            {
                if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
                {
                    throw new BadRequestFieldException("Content-Type", "Send the file as text/csv (UTF-8, with or without a byte order mark).");
                }
                var rows = await CsvTransfer.ReadAsync<TCreate>(request.Body, request.HttpContext.RequestAborted);
                var commands = rows.Select(row => (Func<IRequest<TResponse>>)(() => Json.Read<TCreate>(row.Fields))).ToList();
                return TypedResults.Ok(await batches.RunAsync(commands, Mode(mode), dryRun ?? false, "rows", i => rows[i].Line,
                    request.HttpContext.RequestAborted));
            })
            .WithName($"Import{docs.Plural}Csv")
            .WithSummary($"Import {docs.Plural.ToLowerInvariant()} from CSV whose first row names the fields (as export.csv writes them); "
                + "the batch rules apply, errors name the line.")
            .Accepts<string>("text/csv")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 413, 415);

        group.MapGet("/export.csv", async Task<PushStreamHttpResult> ([AsParameters] TList query, IMediator mediator, HttpContext http) =>
            {
                var first = await mediator.Send(page(query, null), http.RequestAborted);
                return TypedResults.Stream(stream => CsvTransfer.WriteAsync(stream, Records(first), http.RequestAborted),
                    "text/csv; charset=utf-8", $"{docs.Plural.ToLowerInvariant()}.csv");

                async IAsyncEnumerable<(TFields, IVersioned, JsonObject)> Records(Page<TResponse> current)
                {
                    while (true)
                    {
                        foreach (var item in current.Items)
                        {
                            var meta = JsonSerializer.SerializeToNode(item, Json.Options)!.AsObject();
                            yield return (fieldsOf(item), item, meta);
                        }
                        if (current.NextCursor is null) yield break;
                        current = await mediator.Send(page(query, current.NextCursor), http.RequestAborted);
                    }
                }
            })
            .WithName($"Export{docs.Plural}Csv")
            .WithSummary($"Stream every {docs.Lower} the list's filters select as CSV (UTF-8), ready to import elsewhere.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        return group;
    }

    private static BatchMode Mode(string? mode)
        => mode is null ? BatchMode.Atomic
            : ApiEnum<BatchMode>.TryParse(mode, out var parsed) ? parsed
            : throw new BadRequestFieldException("mode", RequestErrors.OneOf("mode", ApiEnum<BatchMode>.Names));
}

/// <summary>The body of a batch: the records to create.</summary>
public sealed record BatchOf<T>(IReadOnlyList<T> Items);
