using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>
/// Types every error answer (RFC 9457): a problem with its traceId; a 400 adds the field errors, a 409 the conflicting
/// record and, for a refused transition, the statuses allowed. Every operation that reads a body can answer 415.
/// </summary>
internal sealed class ContractProblemsFilter : IDocumentFilter
{
    public const string ProblemId = "ProblemDetails";
    public const string ValidationProblemId = "ValidationProblem";
    public const string ConflictProblemId = "ConflictProblem";
    public const string RuleProblemId = "RuleProblem";
    private const string ProblemJson = "application/problem+json";
    public const string RuleRefusal = "A rule of the domain refuses the record: the problem's type names the rule "
        + "(/problems/unregistered-interest-representative), and its members what broke it.";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components!.Schemas!;
        schemas[ProblemId] = Problem();
        schemas[ValidationProblemId] = Extending(document, "A request the API cannot accept as sent: errors name each field to correct.",
            new() { ["errors"] = FieldErrors() }, required: ["errors"]);
        schemas[ConflictProblemId] = Extending(document, "The request conflicts with the record's state or with another record.", new()
        {
            ["conflictingId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "The record it conflicts with, when there is one." },
            ["allowed"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String },
                Description = "For a refused status change: the statuses the record may move to.",
            },
        }, required: Array.Empty<string>());
        schemas[RuleProblemId] = Extending(document, "A rule of the domain refuses the record: type names the rule.", new()
        {
            ["organisationId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "The organisation the rule concerns." },
            ["contactId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "The participant the rule concerns." },
            ["breaches"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchemaReference("EngagementWarning", document),
                Description = "Every breach of the rule in the record, the first one named by organisationId and contactId.",
            },
        }, required: Array.Empty<string>());

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            operation.Responses ??= [];
            if (operation.RequestBody is not null)
            {
                operation.Responses.TryAdd("413", new OpenApiResponse { Description = "The body is larger than the API accepts (Api:MaxRequestBodyBytes)." });
                operation.Responses.TryAdd("415", new OpenApiResponse { Description = "The body is not in a media type this operation takes." });
            }
            if (operation.Responses.TryGetValue("422", out var refused) && refused is OpenApiResponse { Description: "Unprocessable Content" } generic)
            {
                generic.Description = RuleRefusal;
            }
            if (operation.Parameters?.Any(p => p.Name == Http.IdempotentAnswers.Header) == true)
            {
                operation.Responses.TryAdd("409", new OpenApiResponse { Description = "Conflict, or a request with the same Idempotency-Key is still running." });
            }
            foreach (var (status, response) in operation.Responses)
            {
                if (response is not OpenApiResponse concrete || status.Length != 3 || status[0] is not ('4' or '5')) continue;
                var id = status switch
                {
                    "400" => ValidationProblemId,
                    "409" => ConflictProblemId,
                    "422" when concrete.Description?.StartsWith(RuleRefusal, StringComparison.Ordinal) == true => RuleProblemId,
                    _ => ProblemId,
                };
                concrete.Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(id, document) },
                };
            }
        }
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "A problem (RFC 9457). Quote traceId when reporting one.",
        Required = new SortedSet<string>(new[] { "status", "title", "traceId", "type" }, StringComparer.Ordinal),
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the kind of problem." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of problem." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong with this request, and what to do." },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Identifies the request in the API's logs." },
        },
    };

    private static OpenApiSchema Extending(OpenApiDocument document, string description, Dictionary<string, IOpenApiSchema> properties, string[] required)
        => new()
        {
            Description = description,
            AllOf = new List<IOpenApiSchema>
            {
                new OpenApiSchemaReference(ProblemId, document),
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = properties,
                    Required = new SortedSet<string>(required, StringComparer.Ordinal),
                },
            },
        };

    private static OpenApiSchema FieldErrors() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "For each field, by its name in the body or query (participants[0].contactId), the messages saying what to correct.",
        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
    };
}
