using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using StakeholderCrm.Api.Infrastructure.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>
/// Patches, replaces by external id and batches bind their body as raw JSON (to merge it, add the id, or let a
/// malformed item fail alone), which the contract would show as any value; it shows the fields they take instead.
/// A batch's mode is one of two words, and a CSV or XML import is a file, not a short string.
/// </summary>
internal sealed class RequestBodyFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var content = operation.RequestBody?.Content;
        var declared = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>()
            .Select(a => a.RequestType).FirstOrDefault(t => t is not null && t != typeof(JsonElement) && t != typeof(string));
        var sizeLimit = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IRequestSizeLimitMetadata>().FirstOrDefault()?.MaxRequestBodySize;
        var patch = string.Equals(context.ApiDescription.HttpMethod, "PATCH", StringComparison.OrdinalIgnoreCase);
        foreach (var (mediaType, media) in content ?? new Dictionary<string, IOpenApiMediaType>())
        {
            if (media is not OpenApiMediaType concrete) continue;
            if (mediaType == "text/csv") concrete.Schema = CsvFile();
            else if (mediaType is "application/xml" or "text/xml") concrete.Schema = XmlFile(sizeLimit);
            else if (declared is not null && concrete.Schema is OpenApiSchema { Type: null, Properties: null or { Count: 0 } })
            {
                var fields = context.SchemaGenerator.GenerateSchema(declared, context.SchemaRepository);
                concrete.Schema = patch ? MergePatchOf(declared, fields, context) : fields;
            }
        }
        if (sizeLimit is not null && operation.Responses?.TryGetValue("413", out var tooLarge) == true && tooLarge is OpenApiResponse response)
        {
            response.Description = $"The body is larger than this operation accepts: its own limit, {sizeLimit} bytes unless configured otherwise "
                + "(the API-wide Api:MaxRequestBodyBytes does not apply to it).";
        }
        foreach (var mode in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.Name == "mode") ?? [])
        {
            mode.Description = "atomic (the default): all or nothing; independent: each item succeeds or fails alone.";
            mode.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. Enum.GetValues<BatchMode>().Select(m => (JsonNode)Json.Name(m))],
                Default = Json.Name(BatchMode.Atomic),
            };
        }
    }

    /// <summary>
    /// The same fields under their own name (OrganisationFields → OrganisationPatch), none required: a merge patch
    /// (RFC 7396) sends only what changes. Null clears a field only where a record may lack it; elsewhere it is refused.
    /// </summary>
    private static OpenApiSchemaReference MergePatchOf(Type declared, IOpenApiSchema fields, OperationFilterContext context)
    {
        var id = declared.Name.Replace("Fields", "", StringComparison.Ordinal) + "Patch";
        if (!context.SchemaRepository.Schemas.ContainsKey(id))
        {
            var target = fields is OpenApiSchemaReference { Reference.Id: { } fieldsId } ? context.SchemaRepository.Schemas[fieldsId] : fields;
            var clearable = ClearableFields.Of(declared);
            var properties = target.Properties!.ToDictionary(p => p.Key, p => Patchable(p.Value, clearable.Contains(p.Key)));
            if (clearable.Count > 0) properties[ClearableFields.Member] = ClearList(id, clearable, context);
            context.SchemaRepository.AddDefinition(id, new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = properties,
                AdditionalPropertiesAllowed = false,
                Description = "A JSON merge patch (RFC 7396): send only the fields that change. Null clears a field where its description says so.",
            });
        }
        return new OpenApiSchemaReference(id, context.Document);
    }

    private static IOpenApiSchema Patchable(IOpenApiSchema property, bool clearable)
    {
        property = ContractGraph.SetNullable(ContractGraph.Copy(property), clearable);
        if (clearable && property is OpenApiSchema inline) inline.Description = $"{inline.Description} Null clears it.".TrimStart();
        return property;
    }

    /// <summary>The fields to clear, by name: what null does, for the generated clients that never send null (Kiota, NSwag).</summary>
    private static OpenApiSchema ClearList(string patchId, IReadOnlyList<string> clearable, OperationFilterContext context)
    {
        var fieldsId = patchId.Replace("Patch", "ClearableField", StringComparison.Ordinal);
        context.SchemaRepository.AddDefinition(fieldsId, new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = clearable.Select(name => (JsonNode)JsonValue.Create(name)!).ToList(),
        });
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchemaReference(fieldsId, context.Document),
            Description = "Fields to clear, as if each were sent as null: for clients that cannot send null. A field named here must not also be set.",
        };
    }

    /// <summary>
    /// A file read as a stream, up to its endpoint's own limit, stated in the endpoint's request size metadata. A plain
    /// string, as the CSV file: NSwag turns a binary one into a FileParameter it then cannot send as text.
    /// </summary>
    private static OpenApiSchema XmlFile(long? maxBytes) => new()
    {
        Type = JsonSchemaType.String,
        MaxLength = maxBytes is null ? null : (int)Math.Min(maxBytes.Value, int.MaxValue),
        Description = $"An XML file, read as a stream: up to {maxBytes} bytes unless the operation's size limit is configured otherwise.",
    };

    private static OpenApiSchema CsvFile() => new()
    {
        Type = JsonSchemaType.String,
        MaxLength = StakeholderCrmSetup.MaxRequestBodyBytes,
        Description = "UTF-8 CSV whose first row names the fields, as export.csv writes them; lists and objects as JSON in their cell. "
            + $"Up to the request body limit (Api:MaxRequestBodyBytes, {StakeholderCrmSetup.MaxRequestBodyBytes} bytes by default).",
    };
}
