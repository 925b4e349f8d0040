using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>The C# type behind each schema of the contract, and the contract attributes on its fields.</summary>
internal static class ContractTypes
{
    public static Dictionary<string, Type> ById(SchemaRepository repository)
    {
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in typeof(ContractTypes).Assembly.GetTypes())
        {
            if (repository.TryLookupByType(type, out var reference) && reference.Reference.Id is { } id) types[id] = type;
        }
        return types;
    }

    /// <summary>Whether the field the contract names <paramref name="jsonName"/> carries <typeparamref name="T"/>.</summary>
    public static bool Has<T>(Type type, string jsonName) where T : Attribute => Property(type, jsonName)?.GetCustomAttribute<T>() is not null;

    public static PropertyInfo? Property(Type type, string jsonName)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p => string.Equals(JsonName(p), jsonName, StringComparison.Ordinal));

    /// <summary>The name the API's JSON gives the property: its JsonPropertyName, else camelCase.</summary>
    public static string JsonName(PropertyInfo property)
        => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
}
