using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>Swashbuckle: one v1 document, the API-key scheme on every operation that needs it.</summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/swagger/v1/swagger.json";
    private const string BearerScheme = "Bearer";
    private const string AdminApiKeyScheme = "AdminApiKey";
    private const string AdminBearerScheme = "AdminBearer";

    public static IServiceCollection AddOpenApiDocument(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "StakeholderCrm API",
                Version = "v1",
                Description = "Organisations, people, engagements and commitments of a public-policy unit. "
                    + $"Authenticate with an API key in the {ApiKeySecrets.Header} header (Authorize button).",
            });
            // Generated clients take their default base address from here (Kiota needs one).
            options.AddServer(new OpenApiServer
            {
                Url = "http://localhost:5000",
                Description = "Local development: the API as `dotnet run` starts it. A deployment serves it at its own https address.",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(true)) },
            });
            options.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeySecrets.Header,
                Description = "An API key issued by an admin (POST /api/admin/api-keys) or the bootstrap admin key.",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from the configured OpenID Connect authority (Auth:Jwt), with this API as audience. "
                    + "Tokens are validated as RFC8725 (JWT best current practices) asks: signed, issuer, audience and lifetime checked, alg none refused.",
            });
            options.AddSecurityDefinition(AdminApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeySecrets.Header,
                Description = "An API key with the admin role; only admin keys reach /api/admin.",
            });
            options.AddSecurityDefinition(AdminBearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token with the admin role, validated as RFC8725 asks; only admin tokens reach /api/admin.",
            });
            // A record as it was stored: the JSON object its read answered then (history, change feed).
            options.MapType<StoredJson>(() => new OpenApiSchema { Type = JsonSchemaType.Object });
            options.SupportNonNullableReferenceTypes();
            options.UseAllOfToExtendReferenceSchemas();
            options.NonNullableReferenceTypesAsRequired();
            options.OperationFilter<SecurityRequirementFilter>();
            options.OperationFilter<CamelCaseQueryParameterFilter>();
            options.OperationFilter<IdempotencyKeyFilter>();
            options.OperationFilter<RequestBodyFilter>();
            options.OperationFilter<AccessDescriptionFilter>();
            options.OperationFilter<QueryParameterSchemaFilter>();
            options.SchemaFilter<PersonalDataSchemaFilter>();
            options.DocumentFilter<ContractShapesFilter>();
            options.DocumentFilter<ContractProblemsFilter>();
            options.DocumentFilter<ContractHeadersFilter>();
            options.DocumentFilter<ContractLimitsFilter>();
            options.IncludeXmlComments(typeof(OpenApiSetup).Assembly);
        });
        return services;
    }

    public static WebApplication UseOpenApiDocument(this WebApplication app)
    {
        // Only /swagger requests enter the branch: Swagger UI matches every path it sees against a regex.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), documentation =>
        {
            documentation.UseSwagger();
            documentation.UseSwaggerUI(options =>
            {
                options.SwaggerEndpoint(DocumentPath, "StakeholderCrm API v1");
                options.EnablePersistAuthorization();
            });
        });
        return app;
    }

    /// <summary>Query records bind case-insensitively; the contract spells their parameters as the JSON does.</summary>
    private sealed class CamelCaseQueryParameterFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name)
                {
                    parameter.Name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
                }
            }
        }
    }

    /// <summary>Every POST and PUT takes an optional Idempotency-Key and can answer 422 when the key was used for another request.</summary>
    private sealed class IdempotencyKeyFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (context.ApiDescription.HttpMethod is not { } method || !Http.IdempotentAnswers.IsKeyed(method)) return;
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Http.IdempotentAnswers.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Any unique string (a UUID). A retry with the same key and body replays the first response without writing again; "
                    + "the same key with another body is a 422. Keys are kept 24 hours.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
            });
            operation.Responses ??= [];
            // Its problem body is declared with every other error answer's (ContractProblemsFilter).
            operation.Responses["422"] = new OpenApiResponse
            {
                Description = operation.Responses.ContainsKey("422")
                    ? $"{ContractProblemsFilter.RuleRefusal} Or the Idempotency-Key was already used with a different request."
                    : "The Idempotency-Key was already used with a different request.",
            };
        }
    }

    private sealed class SecurityRequirementFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any()) return;
            var admin = context.ApiDescription.RelativePath?.StartsWith("api/admin", StringComparison.Ordinal) == true;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(admin ? AdminApiKeyScheme : ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [],
            });
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(admin ? AdminBearerScheme : BearerScheme, context.Document)] = [],
            });
        }
    }
}
