using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>The <c>RateLimit</c> configuration section: a token bucket per caller (API key, else client address).</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerSecond { get; set; } = 100;
    public int Burst { get; set; } = 1000;
}

/// <summary>What browsers and busy callers need: CORS, rate limits with 429 and Retry-After, and 304 for unchanged reads.</summary>
public static class FrontEnds
{
    public const string CorsSection = "Cors:AllowedOrigins";

    public static IServiceCollection AddFrontEndSupport(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection(CorsSection).Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Content-Type", "X-Api-Key", "Authorization", "If-Match", "If-None-Match", IdempotentAnswers.Header)
            .WithExposedHeaders("ETag", "Location", "Retry-After", "X-RateLimit-Limit", IdempotentAnswers.ReplayedHeader)));

        var limits = configuration.GetSection("RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions();
        // Made once, not per request: a bucket is created from it only for a caller seen for the first time.
        Func<string, RateLimiter> bucket = _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = limits.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.Get(
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? $"address:{context.Connection.RemoteIpAddress}", bucket));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Detail = $"Too many requests from this caller; retry after {retryAfter} second(s).",
                    },
                });
            };
        });
        return services;
    }

    /// <summary>
    /// Every response tells the caller its bucket size, as the contract promises, and carries the headers OWASP asks of
    /// an API: nosniff, and for the API's answers (personal data, sensitive engagements) no-store, so that no browser or
    /// proxy keeps a copy. Conditional reads still work: a client sends the ETag it holds in If-None-Match.
    /// </summary>
    public static IApplicationBuilder UseResponseHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var burst = (configuration.GetSection("RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions()).Burst.ToString(CultureInfo.InvariantCulture);
        // One callback for every request; the response's context is its state.
        Func<object, Task> setHeaders = state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers["X-RateLimit-Limit"] = burst;
            headers.XContentTypeOptions = "nosniff";
            if (context.Request.Path.StartsWithSegments("/api")) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        };
        return app.Use((context, next) =>
        {
            // Set as the response starts: the exception handler clears headers set earlier, and problems carry them too.
            context.Response.OnStarting(setHeaders, context);
            return next(context);
        });
    }

    /// <summary>GET by id answers 304 when If-None-Match names the current ETag; attached to GET endpoints only (Endpoints.SecuredGroup).</summary>
    public sealed class NotModifiedFilter : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var result = await next(context);
            var http = context.HttpContext;
            if (http.Request.Headers.IfNoneMatch.Count == 0 || result is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }) return result;
            var etag = http.Response.Headers.ETag.ToString();
            if (etag.Length == 0 || !EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch.OfType<string>().ToList(), out var tags)) return result;
            return tags!.Any(t => t.Tag == "*" || t.Tag == etag) ? Results.StatusCode(StatusCodes.Status304NotModified) : result;
        }
    }
}
