using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>Marks a field that holds personal data; the OpenAPI schema shows it as <c>x-personal-data: true</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute : Attribute;

internal sealed class PersonalDataSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties }) return;
        foreach (var property in context.Type.GetProperties().Where(p => p.GetCustomAttribute<PersonalDataAttribute>() is not null))
        {
            if (properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var target) && target is OpenApiSchema inline)
            {
                inline.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                inline.Extensions["x-personal-data"] = new JsonNodeExtension(JsonValue.Create(true));
            }
        }
    }
}
