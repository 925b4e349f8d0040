using Microsoft.OpenApi;
using StakeholderCrm.Api.Infrastructure.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>
/// States the headers the API sends where it sends them, so generated clients can read them: ETag on every answer that
/// carries a versioned record, with If-None-Match and 304 on the reads that have one; Location on 201; and
/// Idempotent-Replayed on the successes a keyed POST or PUT may replay; Retry-After on 429, WWW-Authenticate on 401;
/// and, once under components, the headers every answer carries.
/// </summary>
internal sealed class ContractHeadersFilter : IDocumentFilter
{
    private static readonly Dictionary<string, OpenApiHeader> OnEveryAnswer = new()
    {
        ["X-RateLimit-Limit"] = Header("The requests this caller may make at once (the token bucket's size).", integer: true),
        ["Access-Control-Allow-Origin"] = Header("Sent to browsers from an allowed origin (Cors:AllowedOrigins)."),
        ["Cache-Control"] = Header("no-store: answers may hold personal data or sensitive records, so no browser or proxy keeps a copy."),
        ["X-Content-Type-Options"] = Header("nosniff."),
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var types = ContractTypes.ById(context.SchemaRepository);
        document.Components!.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var (name, header) in OnEveryAnswer) document.Components.Headers[name] = header;
        foreach (var item in document.Paths.Values)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var versioned = false;
                foreach (var (status, response) in operation.Responses ?? new OpenApiResponses())
                {
                    if (response is not OpenApiResponse concrete) continue;
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    foreach (var name in OnEveryAnswer.Keys) concrete.Headers[name] = new OpenApiHeaderReference(name, document);
                    if (status == "429") concrete.Headers["Retry-After"] = Header("Seconds to wait before retrying.", integer: true);
                    if (status == "401") concrete.Headers["WWW-Authenticate"] = Header("The schemes this API accepts: ApiKey (X-Api-Key) and Bearer.");
                    if (!status.StartsWith('2')) continue;
                    if (status == "201") concrete.Headers["Location"] = Header("The address of the new record.");
                    if (Versioned(concrete, types))
                    {
                        versioned = true;
                        concrete.Headers["ETag"] = Header("The record's version: send it back in If-Match to change it, or in If-None-Match to read it again.");
                    }
                    if (IdempotentAnswers.IsKeyed(method.ToString()))
                    {
                        concrete.Headers[IdempotentAnswers.ReplayedHeader] = new OpenApiHeader
                        {
                            Description = "true when this is the stored answer to an earlier request with the same Idempotency-Key; absent otherwise.",
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = new List<System.Text.Json.Nodes.JsonNode> { "true" } },
                        };
                    }
                }
                if (versioned && method == HttpMethod.Get) AddConditionalRead(operation, document);
            }
        }
    }

    private static void AddConditionalRead(OpenApiOperation operation, OpenApiDocument document)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-None-Match",
            In = ParameterLocation.Header,
            Description = "The ETag you hold; a 304 without a body answers when it is still current.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2048 },
        });
        var headers = OnEveryAnswer.Keys.ToDictionary(name => name, name => (IOpenApiHeader)new OpenApiHeaderReference(name, document));
        headers["ETag"] = Header("The current version, the one sent in If-None-Match.");
        operation.Responses!["304"] = new OpenApiResponse { Description = "Not modified: the ETag sent in If-None-Match is current.", Headers = headers };
    }

    private static bool Versioned(OpenApiResponse response, Dictionary<string, Type> types)
        => response.Content?.Values.Any(m => m.Schema is OpenApiSchemaReference { Reference.Id: { } id }
            && types.TryGetValue(id, out var type) && type.IsAssignableTo(typeof(IVersioned))) == true;

    private static OpenApiHeader Header(string description, bool integer = false) => new()
    {
        Description = description,
        Schema = integer
            ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "2147483647" }
            : new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2048 },
    };
}
