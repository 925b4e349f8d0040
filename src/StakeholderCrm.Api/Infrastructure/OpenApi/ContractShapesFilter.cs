using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>
/// Gives requests and responses the shapes generated clients rely on. A request lists as required only what the API
/// refuses missing (<see cref="RequiredFieldAttribute"/>); what it defaults stays optional. A response lists every field
/// as required, because the API always writes every field (null included), and null only where a value can be missing.
/// A type used both ways (a contact's position) gets a second schema, <c>…Input</c>, for the request side. Merge patch
/// bodies (<see cref="ContractGraph.MergePatchIds"/>) are left as they were made: nothing required, null only where it clears.
/// </summary>
internal sealed class ContractShapesFilter : IDocumentFilter
{
    public const string InputSuffix = "Input";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return;
        var types = ContractTypes.ById(context.SchemaRepository);
        var patches = ContractGraph.MergePatchIds(document);
        var requests = ContractGraph.Closure(ContractGraph.RequestRoots(document), schemas);
        var responses = ContractGraph.Closure(ContractGraph.ResponseRoots(document), schemas);
        responses.Remove(ContractProblemsFilter.ProblemId);

        var shared = requests.Intersect(responses).Where(id => types.TryGetValue(id, out var type)
            && schemas[id].Properties?.Keys.Any(name => !ContractTypes.Has<RequiredFieldAttribute>(type, name)) == true).ToHashSet();
        foreach (var id in shared)
        {
            schemas[id + InputSuffix] = ContractGraph.Copy(schemas[id]);
            if (types.TryGetValue(id, out var type)) types[id + InputSuffix] = type;
        }
        var requestSide = requests.Except(shared).Concat(shared.Select(id => id + InputSuffix)).ToHashSet();
        ContractGraph.Redirect(document, requestSide, shared, InputSuffix);

        foreach (var id in requestSide.Where(id => !patches.Contains(id)))
        {
            if (schemas[id] is OpenApiSchema schema) ShapeRequest(schema, types.GetValueOrDefault(id));
        }
        foreach (var id in responses)
        {
            if (schemas[id] is OpenApiSchema schema) ShapeResponse(schema, types.GetValueOrDefault(id));
        }
        // A record's fields type that only a merge patch took is now only the source of its …Patch schema.
        var used = ContractGraph.Closure(ContractGraph.RequestRoots(document).Concat(ContractGraph.ResponseRoots(document))
            .Concat(ContractGraph.ParameterRoots(document)), schemas);
        foreach (var id in schemas.Keys.Except(used).ToList()) schemas.Remove(id);
    }

    private static void ShapeRequest(OpenApiSchema schema, Type? type)
    {
        if (schema.Properties is not { Count: > 0 } properties || type is null) return;
        schema.Required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, property) in properties)
        {
            if (!ContractTypes.Has<RequiredFieldAttribute>(type, name)) continue;
            schema.Required.Add(name);
            ContractGraph.SetNullable(property, false);
        }
    }

    private static void ShapeResponse(OpenApiSchema schema, Type? type)
    {
        if (schema.Properties is not { Count: > 0 } properties) return;
        schema.Required = new SortedSet<string>(properties.Keys, StringComparer.Ordinal);
        if (type is null) return;
        foreach (var (name, property) in properties)
        {
            if (ContractTypes.Has<RequiredFieldAttribute>(type, name) || ContractTypes.Has<DefaultedAttribute>(type, name))
            {
                ContractGraph.SetNullable(property, false);
            }
        }
    }
}
