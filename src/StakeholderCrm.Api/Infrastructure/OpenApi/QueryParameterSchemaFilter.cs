using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OpenApi;
using StakeholderCrm.Api.Infrastructure.Data;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>
/// What a text query parameter takes, for the contract. Filters bind as text so that their validator, not the
/// framework, answers a bad value with a problem naming the field; the contract still shows their values and formats.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public abstract class QueryParameterSchemaAttribute : Attribute
{
    internal abstract IOpenApiSchema Schema(OperationFilterContext context);
}

/// <summary>One of the enum's names, exactly as the contract spells them: the enum's own schema.</summary>
public sealed class OneOfAttribute<TEnum> : QueryParameterSchemaAttribute where TEnum : struct, Enum
{
    internal override IOpenApiSchema Schema(OperationFilterContext context) => context.SchemaGenerator.GenerateSchema(typeof(TEnum), context.SchemaRepository);
}

/// <summary>One of these words, exactly as written.</summary>
public sealed class OneOfAttribute(params string[] words) : QueryParameterSchemaAttribute
{
    /// <summary>The words, for the check that holds a request to them.</summary>
    public IReadOnlyList<string> Allowed { get; } = words;

    internal override IOpenApiSchema Schema(OperationFilterContext context) => Words(words, null);

    internal static OpenApiSchema Words(IEnumerable<string> words, string? defaultWord) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. words.Select(word => (JsonNode)word)],
        Default = defaultWord,
    };
}

/// <summary>A list's sort: each field ascending, or descending with a leading '-'.</summary>
public sealed class SortOrderAttribute<TSort> : QueryParameterSchemaAttribute where TSort : ISortOrder
{
    internal override IOpenApiSchema Schema(OperationFilterContext context)
        => OneOfAttribute.Words(TSort.Fields.SelectMany(field => new[] { field, $"-{field}" }), TSort.Default);
}

/// <summary>
/// A date-time, or a date for that day from 00:00 UTC. Declared as a date-time, which client generators type as a
/// date-time with offset; the property's description names the date form.
/// </summary>
public sealed class DateOrDateTimeAttribute : QueryParameterSchemaAttribute
{
    internal override IOpenApiSchema Schema(OperationFilterContext context) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" };
}

internal sealed class QueryParameterSchemaFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var description in context.ApiDescription.ParameterDescriptions.Where(d => d.Source == BindingSource.Query))
        {
            var info = (description.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo;
            if (info?.GetCustomAttribute<QueryParameterSchemaAttribute>() is not { } attribute) continue;
            var parameter = operation.Parameters?.OfType<OpenApiParameter>()
                .Single(p => p.In == ParameterLocation.Query && string.Equals(p.Name, description.Name, StringComparison.OrdinalIgnoreCase));
            var schema = attribute.Schema(context);
            // A filter that takes several values (repeated, or separated by commas) takes each of them so.
            parameter!.Schema = parameter.Schema?.Type?.HasFlag(JsonSchemaType.Array) == true
                ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema }
                : schema;
        }
    }
}
