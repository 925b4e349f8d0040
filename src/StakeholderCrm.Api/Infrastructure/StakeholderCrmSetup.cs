using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Primitives;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Health;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Infrastructure;

/// <summary>All registrations and middleware, one method per concern, so Program.cs stays three lines.</summary>
public static class StakeholderCrmSetup
{
    /// <summary>The request body limit unless Api:MaxRequestBodyBytes sets another.</summary>
    public const int MaxRequestBodyBytes = 1_048_576;

    public static WebApplicationBuilder AddStakeholderCrm(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        services.AddCrmDatabase(builder.Configuration);
        services.AddScoped<ChangeLog>();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped(provider => Caller.Of(provider.GetRequiredService<IHttpContextAccessor>().HttpContext));
        services.AddScoped<Batches>();

        services.AddMediatorPipeline(typeof(StakeholderCrmSetup).Assembly);
        services.AddToolCommands(typeof(StakeholderCrmSetup).Assembly);
        // A rule stops at its first failure, so a later check never sees the null an earlier one reported.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);

        services.Configure<JsonOptions>(options => Json.Configure(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options =>
        {
            options.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Api:MaxRequestBodyBytes") ?? MaxRequestBodyBytes;
            options.AddServerHeader = false;
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // The contract promises type and title on every problem; the framework knows no type for some statuses (428, 429).
            var problem = context.ProblemDetails;
            problem.Type ??= "about:blank";
            problem.Title ??= Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(problem.Status ?? context.HttpContext.Response.StatusCode);
            // Kestrel answers a chunked body over the limit itself, with a bare status: it gets the same words as a declared one.
            if (problem.Status == StatusCodes.Status413PayloadTooLarge) problem.Detail ??= ProblemExceptionHandler.BodyTooLarge;
            problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // ProblemExceptionHandler writes the one line a 5xx deserves; the middleware's own error line would repeat it,
        // and would log every 4xx exception as an error too.
        services.Configure<ExceptionHandlerOptions>(options => options.SuppressDiagnosticsCallback = _ => true);
        // Off unless the category Microsoft.AspNetCore.HttpLogging is set to Information (README, Configuration).
        services.AddHttpLogging(options => options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
            | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration);
        services.Configure<IdempotencyOptions>(builder.Configuration.GetSection("Idempotency"));
        services.AddSingleton<IdempotencyTurns>();
        services.AddSingleton<ShownSecrets>();
        services.AddScoped<IdempotentAnswers>();
        services.AddScoped<CommandTransactionFilter>();
        services.AddFrontEndSupport(builder.Configuration);

        services.AddCrmAuthentication(builder.Configuration);
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<BootstrapAdminKey>();

        services.AddSingleton<StorageHealth>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddOpenApiDocument();
        return builder;
    }

    /// <summary>Migrates (unless disabled), ensures an admin key, then wires the middleware.</summary>
    public static WebApplication UseStakeholderCrm(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ConnectionFactory>().Options.MigrateOnStartup)
        {
            app.Services.GetRequiredService<Migrator>().Migrate();
        }
        app.Services.GetRequiredService<BootstrapAdminKey>().EnsureAsync(CancellationToken.None).GetAwaiter().GetResult();

        app.UseHttpLogging();
        app.UseResponseHeaders(app.Configuration);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var maxBody = app.Configuration.GetValue<long?>("Api:MaxRequestBodyBytes") ?? MaxRequestBodyBytes;
        app.Use(async (context, next) =>
        {
            // An endpoint that streams a large body (the register import) states its own limit; Kestrel enforces it too.
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? maxBody;
            if (limit != maxBody && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
            // Declared sizes are refused here on any server; Kestrel's own limit covers chunked bodies.
            if (context.Request.ContentLength > limit)
            {
                throw new BadHttpRequestException(ProblemExceptionHandler.BodyTooLarge, StatusCodes.Status413PayloadTooLarge);
            }
            // Bodies are read as sent. A compressed one would be read as text: at best a misleading "not valid JSON".
            if (context.Request.Headers.ContentEncoding is { Count: > 0 } codings && !IsIdentity(codings))
            {
                // A body of unknown length is read first (Kestrel stops at the limit), so that one too large is a 413 like any other.
                if (context.Request.ContentLength is null) await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                throw new BadHttpRequestException("Content-Encoding: send the body uncompressed; this API reads request bodies as they are.",
                    StatusCodes.Status415UnsupportedMediaType);
            }
            // The idempotency filter hashes the raw body after model binding has read it.
            if (IdempotentAnswers.IsKeyed(context.Request.Method)
                && context.Request.Headers.ContainsKey(IdempotentAnswers.Header)) context.Request.EnableBuffering();
            await next(context);
        });
        // Documentation is served before authorisation: the fallback policy would otherwise cover it too.
        app.UseOpenApiDocument();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = HealthReportJson.WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    private static bool IsIdentity(StringValues headers) => headers.All(header => (header ?? "")
        .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .All(coding => coding.Equals("identity", StringComparison.OrdinalIgnoreCase)));
}
