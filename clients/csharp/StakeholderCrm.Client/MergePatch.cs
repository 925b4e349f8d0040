using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace StakeholderCrm.Client;

/// <summary>
/// JSON merge patch (RFC 7396) with NSwag's classes, which cannot tell "not set" from null: a property left null is not
/// sent (it stays as it is); one named here is sent as null (it is cleared).
/// </summary>
public static class MergePatch
{
    private static readonly ConditionalWeakTable<object, HashSet<string>> Cleared = new();

    /// <summary>Sends the named properties of this body as null: <c>patch.Clear(p => p.Website)</c>.</summary>
    public static T Clear<T>(this T body, params Expression<Func<T, object?>>[] properties) where T : class
    {
        var names = Cleared.GetOrCreateValue(body);
        foreach (var property in properties)
        {
            names.Add(JsonName(property));
        }
        return body;
    }

    internal static bool IsCleared(object body, string jsonName) => Cleared.TryGetValue(body, out var names) && names.Contains(jsonName);

    private static string JsonName(LambdaExpression property)
    {
        var expression = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } boxed ? boxed.Operand : property.Body;
        var member = (expression as MemberExpression)?.Member
            ?? throw new ArgumentException($"Name one property of the body, as in b => b.Website, not {property}.", nameof(property));
        return member.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? member.Name;
    }
}
