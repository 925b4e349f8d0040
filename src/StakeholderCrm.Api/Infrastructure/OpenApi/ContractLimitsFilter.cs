using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>
/// States in the contract the limits the API enforces: If-Match where it is taken, and bounds on every string, array and integer (the request body
/// limit and the validators keep every value within them; the validators' tighter limits are in the descriptions).
/// </summary>
internal sealed class ContractLimitsFilter : IDocumentFilter
{
    public const int MaxText = 20_000;
    public const int MaxItems = 1000;

    private static readonly HashSet<string> FileMediaTypes = new(StringComparer.Ordinal)
    {
        "text/csv", "text/markdown", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var visited = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values ?? []) Bound(schema, visited);

        foreach (var (path, item) in document.Paths)
        {
            foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                foreach (var parameter in operation.Parameters ?? [])
                {
                    if (parameter is OpenApiParameter { Name: "limit", Schema: OpenApiSchema limit })
                    {
                        limit.Minimum = "1";
                        limit.Maximum = path.StartsWith("/api/changes", StringComparison.Ordinal) ? "1000"
                            : path.StartsWith("/api/search", StringComparison.Ordinal) ? "100" : "200";
                    }
                    Bound(parameter.Schema, visited);
                }
                foreach (var media in operation.RequestBody?.Content?.Values ?? []) Bound(media.Schema, visited);
                foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
                {
                    foreach (var (mediaType, media) in response.Content ?? new Dictionary<string, IOpenApiMediaType>())
                    {
                        // An export streams the whole list, a report is a document: files, which clients save rather than hold.
                        if (FileMediaTypes.Contains(mediaType) && media is OpenApiMediaType file) file.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                        else Bound(media.Schema, visited);
                    }
                }
                if (IfMatch(operation.OperationId) is { } required)
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "If-Match",
                        In = ParameterLocation.Header,
                        Required = required,
                        Description = required
                            ? "The ETag of the version you are changing: a missing one is a 428, a stale one a 412."
                            : "Optional: the ETag of the version you are replacing; a stale one is a 412.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 20 },
                    });
                }
            }
        }
    }

    /// <summary>Changes to an existing record require If-Match; a replace by external id takes it when given.</summary>
    private static bool? IfMatch(string? operationId) => operationId switch
    {
        null => null,
        _ when operationId.StartsWith("Put", StringComparison.Ordinal) => false,
        _ when operationId.StartsWith("Update", StringComparison.Ordinal) || operationId.StartsWith("Archive", StringComparison.Ordinal)
            || operationId.StartsWith("Restore", StringComparison.Ordinal) || operationId.StartsWith("Transition", StringComparison.Ordinal) => true,
        _ => null,
    };

    private static void Bound(IOpenApiSchema? schema, HashSet<IOpenApiSchema> visited)
    {
        if (schema is not OpenApiSchema concrete || !visited.Add(schema)) return;
        var type = concrete.Type ?? 0;
        if (type.HasFlag(JsonSchemaType.String) && concrete.MaxLength is null && (concrete.Enum is null || concrete.Enum.Count == 0) && concrete.Const is null)
        {
            concrete.MaxLength = concrete.Format switch
            {
                "uuid" => 36,
                "date" => 10,
                "date-time" => 40,
                "uri" => 2048,
                _ => MaxText,
            };
        }
        if (type.HasFlag(JsonSchemaType.Array)) concrete.MaxItems ??= MaxItems;
        if (type.HasFlag(JsonSchemaType.Integer))
        {
            concrete.Minimum ??= "0";
            concrete.Maximum ??= concrete.Format == "int64" ? long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        Bound(concrete.Items, visited);
        foreach (var property in concrete.Properties?.Values ?? []) Bound(property, visited);
        foreach (var part in (concrete.AllOf ?? []).Concat(concrete.OneOf ?? []).Concat(concrete.AnyOf ?? [])) Bound(part, visited);
        Bound(concrete.AdditionalProperties, visited);
    }
}
