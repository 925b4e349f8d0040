using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using StakeholderCrm.Api.Infrastructure.OpenApi;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>
/// The fields a merge patch may clear: those a record may lack (nullable, neither <see cref="RequiredFieldAttribute"/>
/// nor <see cref="DefaultedAttribute"/>). Null clears them, and so does naming them in the patch's <c>clear</c> list,
/// for the generated clients that cannot send null (Kiota, NSwag). The contract states the same list.
/// </summary>
public static class ClearableFields
{
    public const string Member = "clear";

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> ByType = new();

    public static IReadOnlyList<string> Of(Type fields) => ByType.GetOrAdd(fields, type =>
    {
        var nullability = new NullabilityInfoContext();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && IsClearable(p, nullability))
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .ToList();
    });

    private static bool IsClearable(PropertyInfo property, NullabilityInfoContext nullability)
        => property.GetCustomAttribute<RequiredFieldAttribute>() is null && property.GetCustomAttribute<DefaultedAttribute>() is null
            && (property.PropertyType.IsValueType
                ? Nullable.GetUnderlyingType(property.PropertyType) is not null
                : nullability.Create(property).ReadState == NullabilityState.Nullable);
}
