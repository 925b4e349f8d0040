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

    /// <summary>A group of secured endpoints: each can answer 401, 403 and 500 as problem details.</summary>
    public static RouteGroupBuilder SecuredGroup(this IEndpointRouteBuilder app, string prefix, string tag)
    {
        var group = app.MapGroup(prefix).WithTags(tag).WithMetadata(new Auth.ScopeResource(prefix[(prefix.LastIndexOf('/') + 1)..]));
        group.AddEndpointFilter<IdempotencyFilter>();
        group.AddEndpointFilter<FrontEnds.NotModifiedFilter>();
        group.ProducesProblem(StatusCodes.Status401Unauthorized);
        group.ProducesProblem(StatusCodes.Status403Forbidden);
        group.ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.ProducesProblem(StatusCodes.Status500InternalServerError);
        return group;
    }
}
