using Microsoft.OpenApi;

namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>Walks the generated document: which schemas requests and responses reach, copies, and null in a schema.</summary>
internal static class ContractGraph
{
    public static IEnumerable<IOpenApiSchema> RequestRoots(OpenApiDocument document)
        => Operations(document).SelectMany(o => o.RequestBody?.Content?.Values ?? []).Select(m => m.Schema).OfType<IOpenApiSchema>();

    public static IEnumerable<IOpenApiSchema> ResponseRoots(OpenApiDocument document)
        => Operations(document).SelectMany(o => o.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
            .SelectMany(r => r.Content?.Values ?? []).Select(m => m.Schema).OfType<IOpenApiSchema>();

    public static IEnumerable<IOpenApiSchema> ParameterRoots(OpenApiDocument document)
        => Operations(document).SelectMany(o => o.Parameters ?? []).Select(p => p.Schema).OfType<IOpenApiSchema>();

    /// <summary>The schemas a merge patch body names: they keep the shape <see cref="RequestBodyFilter"/> gave them.</summary>
    public static HashSet<string> MergePatchIds(OpenApiDocument document)
        => Operations(document).SelectMany(o => o.RequestBody?.Content ?? new Dictionary<string, IOpenApiMediaType>())
            .Where(m => string.Equals(m.Key, Http.MergePatch.ContentType, StringComparison.Ordinal))
            .Select(m => m.Value.Schema).OfType<OpenApiSchemaReference>().Select(r => r.Reference.Id!).ToHashSet();

    public static HashSet<string> Closure(IEnumerable<IOpenApiSchema> roots, IDictionary<string, IOpenApiSchema> schemas)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>(roots);
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id })
            {
                if (reached.Add(id) && schemas.TryGetValue(id, out var target)) pending.Push(target);
                continue;
            }
            foreach (var child in Children(schema)) pending.Push(child);
        }
        return reached;
    }

    /// <summary>Points the request side at the <c>…Input</c> copies of the types responses share with it.</summary>
    public static void Redirect(OpenApiDocument document, IEnumerable<string> requestSide, IReadOnlySet<string> shared, string suffix)
    {
        IOpenApiSchema Target(IOpenApiSchema schema)
        {
            if (schema is OpenApiSchemaReference { Reference.Id: { } id }) return shared.Contains(id) ? new OpenApiSchemaReference(id + suffix, document) : schema;
            if (schema is not OpenApiSchema inline) return schema;
            foreach (var name in inline.Properties?.Keys.ToList() ?? []) inline.Properties![name] = Target(inline.Properties[name]);
            if (inline.Items is { } items) inline.Items = Target(items);
            if (inline.AdditionalProperties is { } additional) inline.AdditionalProperties = Target(additional);
            for (var i = 0; i < (inline.AllOf?.Count ?? 0); i++) inline.AllOf![i] = Target(inline.AllOf[i]);
            return inline;
        }

        foreach (var media in Operations(document).SelectMany(o => o.RequestBody?.Content?.Values ?? []).OfType<OpenApiMediaType>())
        {
            if (media.Schema is { } schema) media.Schema = Target(schema);
        }
        var schemas = document.Components!.Schemas!;
        foreach (var id in requestSide) schemas[id] = Target(schemas[id]);
    }

    /// <summary>A copy deep enough to be reshaped without touching the original.</summary>
    public static IOpenApiSchema Copy(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema inline) return schema;
        var copy = (OpenApiSchema)inline.CreateShallowCopy();
        copy.Properties = inline.Properties?.ToDictionary(p => p.Key, p => Copy(p.Value));
        copy.Items = inline.Items is null ? null : Copy(inline.Items);
        copy.AllOf = inline.AllOf?.Select(Copy).ToList();
        copy.AdditionalProperties = inline.AdditionalProperties is null ? null : Copy(inline.AdditionalProperties);
        copy.Required = inline.Required is null ? null : new SortedSet<string>(inline.Required, StringComparer.Ordinal);
        return copy;
    }

    public static bool IsNullable(IOpenApiSchema schema) => schema.Type?.HasFlag(JsonSchemaType.Null) == true;

    /// <summary>Null allowed or not; a bare reference is never null, and one that may be is wrapped as Swashbuckle does.</summary>
    public static IOpenApiSchema SetNullable(IOpenApiSchema schema, bool nullable)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            return nullable ? new OpenApiSchema { AllOf = new List<IOpenApiSchema> { reference }, Type = JsonSchemaType.Null } : reference;
        }
        if (schema is not OpenApiSchema inline) return schema;
        var type = inline.Type ?? 0;
        type = nullable ? type | JsonSchemaType.Null : type & ~JsonSchemaType.Null;
        inline.Type = type == 0 ? null : type;
        return inline;
    }

    private static IEnumerable<IOpenApiSchema> Children(IOpenApiSchema schema)
        => (schema.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>())
            .Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? [])
            .Concat(new[] { schema.Items, schema.AdditionalProperties }.OfType<IOpenApiSchema>());

    private static IEnumerable<OpenApiOperation> Operations(OpenApiDocument document)
        => document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>());
}
