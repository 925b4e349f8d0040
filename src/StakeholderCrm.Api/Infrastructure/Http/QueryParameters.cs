using System.Reflection;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>
/// A query parameter the operation does not take is a 400 naming it, as an unknown property of a body is: a misspelt
/// filter (<c>organisation_id=</c>) would otherwise be ignored and the whole list returned, unfiltered.
/// </summary>
public static class QueryParameters
{
    public static EndpointFilterDelegate Checked(MethodInfo handler, IEnumerable<string> routeValues, EndpointFilterDelegate next)
    {
        var known = Names(handler).Except(routeValues, StringComparer.OrdinalIgnoreCase).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var listed = known.Count == 0 ? "none" : string.Join(", ", known.Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName).Order());
        return invocation =>
        {
            var request = invocation.HttpContext.Request;
            if (!request.QueryString.HasValue) return next(invocation);
            foreach (var key in request.Query.Keys)
            {
                if (!known.Contains(key)) throw new BadRequestFieldException(key, $"'{key}' is not a query parameter of this operation; it takes: {listed}.");
            }
            return next(invocation);
        };
    }

    /// <summary>The handler's parameters that bind from text, those of an [AsParameters] record included.</summary>
    private static IEnumerable<string> Names(MethodInfo handler) => handler.GetParameters()
        .SelectMany(p => p.GetCustomAttribute<AsParametersAttribute>() is null
            ? [(p.Name!, p.ParameterType)]
            : p.ParameterType.GetProperties().Select(property => (property.Name, property.PropertyType)))
        .Where(p => FromText(p.Item2))
        .Select(p => p.Item1);

    private static bool FromText(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable)))
        {
            type = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().SingleOrDefault() ?? typeof(object);
            type = Nullable.GetUnderlyingType(type) ?? type;
        }
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(DateTime);
    }
}
