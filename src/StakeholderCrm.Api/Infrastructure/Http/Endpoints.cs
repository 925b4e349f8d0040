using Microsoft.AspNetCore.Http.HttpResults;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>A resource that carries a row version, sent as its ETag.</summary>
public interface IVersioned
{
    Guid Id { get; }
    int Version { get; }
}

public static class Endpoints
{
    public static Ok<T> OkWithETag<T>(this HttpContext context, T body) where T : IVersioned
    {
        context.Response.Headers.ETag = ETags.For(body.Version);
        return TypedResults.Ok(body);
    }

    public static Created<T> CreatedWithETag<T>(this HttpContext context, string location, T body) where T : IVersioned
    {
        context.Response.Headers.ETag = ETags.For(body.Version);
        return TypedResults.Created(location, body);
    }

    /// <summary>Documents the problem responses an endpoint can return besides those of every secured endpoint.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes) builder.ProducesProblem(status);
        return builder;
    }

    /// <summary>A group of secured endpoints: each can answer 400 (an unknown query parameter at least), 401, 403, 429 and 500 as problem details.</summary>
    public static RouteGroupBuilder SecuredGroup(this IEndpointRouteBuilder app, string prefix, string tag)
    {
        var group = app.MapGroup(prefix).WithTags(tag).WithMetadata(new Auth.ScopeResource(prefix[(prefix.LastIndexOf('/') + 1)..]));
        ((IEndpointConventionBuilder)group).Add(AddFilters);
        group.ProducesProblem(StatusCodes.Status400BadRequest);
        group.ProducesProblem(StatusCodes.Status401Unauthorized);
        group.ProducesProblem(StatusCodes.Status403Forbidden);
        group.ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.ProducesProblem(StatusCodes.Status500InternalServerError);
        return group;
    }

    private static readonly FrontEnds.NotModifiedFilter NotModified = new();

    /// <summary>
    /// Each filter only on the endpoints it can act on: the command's transaction (with Idempotency-Key) on writes,
    /// If-None-Match on GET. The query check runs first on all of them, so a request it refuses begins no transaction.
    /// </summary>
    private static void AddFilters(EndpointBuilder endpoint)
    {
        var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
        var routeValues = (endpoint as RouteEndpointBuilder)?.RoutePattern.Parameters.Select(p => p.Name).ToList() ?? [];
        endpoint.FilterFactories.Add((context, next) => QueryParameters.Checked(context.MethodInfo, routeValues, next));
        if (methods.Any(CommandTransactionFilter.IsWrite))
        {
            endpoint.FilterFactories.Add((_, next) => invocation =>
                invocation.HttpContext.RequestServices.GetRequiredService<CommandTransactionFilter>().InvokeAsync(invocation, next));
        }
        if (methods.Any(HttpMethods.IsGet))
        {
            endpoint.FilterFactories.Add((_, next) => invocation => NotModified.InvokeAsync(invocation, next));
        }
    }
}
