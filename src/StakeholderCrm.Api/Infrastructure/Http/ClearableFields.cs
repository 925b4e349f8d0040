using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using StakeholderCrm.Api.Infrastructure.OpenApi;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>
/// The fields a merge patch may clear: those a record may lack (nullable, neither <see cref="RequiredFieldAttribute"/>
/// nor <see cref="DefaultedAttribute"/>). Null clears them, and so does naming them in the patch's <c>clear</c> list,
/// for the generated clients that cannot send null (Kiota, NSwag). The contract states the same list. A defaulted
/// field always has a value: a patch cannot clear it, and a replace that leaves it out keeps it.
/// </summary>
public static class ClearableFields
{
    public const string Member = "clear";

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> ClearableByType = new();
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> DefaultedByType = new();

    public static IReadOnlyList<string> Of(Type fields) => ClearableByType.GetOrAdd(fields, type =>
    {
        var nullability = new NullabilityInfoContext();
        return Named(type, p => IsClearable(p, nullability));
    });

    public static IReadOnlyList<string> Defaulted(Type fields)
        => DefaultedByType.GetOrAdd(fields, type => Named(type, p => p.GetCustomAttribute<DefaultedAttribute>() is not null));

    private static List<string> Named(Type type, Func<PropertyInfo, bool> which) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && which(p))
        .Select(ContractTypes.JsonName)
        .ToList();

    private static bool IsClearable(PropertyInfo property, NullabilityInfoContext nullability)
        => property.GetCustomAttribute<RequiredFieldAttribute>() is null && property.GetCustomAttribute<DefaultedAttribute>() is null
            && (property.PropertyType.IsValueType
                ? Nullable.GetUnderlyingType(property.PropertyType) is not null
                : nullability.Create(property).ReadState == NullabilityState.Nullable);
}
