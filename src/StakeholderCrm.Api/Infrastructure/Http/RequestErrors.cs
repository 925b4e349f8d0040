using System.Text.Json;
using System.Text.RegularExpressions;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>Turns what the framework says about an unreadable body or parameter into a field path and a clear message.</summary>
public static partial class RequestErrors
{
    public const string NotUnicode = "The text is not valid Unicode: it holds bytes that are not UTF-8, or a \\uD800 to \\uDFFF escape without its pair.";

    /// <summary>System.Text.Json's refusal to turn such text into a string (its messages name UTF-16), however it is wrapped.</summary>
    public static bool IsNotUnicode(Exception exception)
        => exception is InvalidOperationException { Message: var message } && message.Contains("UTF-16", StringComparison.Ordinal)
           || exception.InnerException is { } inner && IsNotUnicode(inner);

    public static (string Field, string Message) Describe(JsonException exception)
    {
        var path = FieldPath(exception.Path);
        var message = exception.Message;

        var unmapped = UnmappedProperty().Match(message);
        if (unmapped.Success)
        {
            var name = unmapped.Groups["name"].Value;
            var field = path.EndsWith(name, StringComparison.Ordinal) ? path : Join(path, name);
            return (field, $"'{name}' is not a field of this resource.");
        }
        if (DuplicateProperty().Match(message) is { Success: true } duplicate)
        {
            var name = duplicate.Groups["name"].Value;
            var field = path.EndsWith(name, StringComparison.Ordinal) ? path : Join(path, name);
            return (field, $"'{name}' appears more than once.");
        }
        if (exception.InnerException is { } inner && IsNotUnicode(inner))
        {
            return (Field(path), NotUnicode);
        }
        if (exception is NotOneOfException notOneOf)
        {
            return (Field(path), OneOf(LastName(path), notOneOf.Names));
        }
        var conversion = ConversionTarget().Match(message);
        if (conversion.Success)
        {
            return (Field(path), Expected(conversion.Groups["type"].Value));
        }
        return (Field(path), "The body is not valid JSON.");
    }

    /// <summary>A query or route parameter that could not be bound, from the framework's message.</summary>
    public static (string Field, string Message)? DescribeBinding(string message)
    {
        var failed = BindingFailure().Match(message);
        if (failed.Success)
        {
            return (CamelCase(failed.Groups["name"].Value), $"'{failed.Groups["value"].Value}' is not {Friendly(failed.Groups["type"].Value)}.");
        }
        var missing = RequiredMissing().Match(message);
        if (missing.Success)
        {
            return (CamelCase(missing.Groups["name"].Value), "This parameter is required.");
        }
        if (message.Contains("body was provided", StringComparison.Ordinal) || message.Contains("request body", StringComparison.OrdinalIgnoreCase))
        {
            return ("body", "A JSON body is required.");
        }
        return null;
    }

    /// <summary>The message for a word that is not one of the contract's: "'kind' must be one of: company, ngo, …".</summary>
    public static string OneOf(string name, IEnumerable<string> values) => $"'{name}' must be one of: {string.Join(", ", values)}.";

    private static string Field(string path) => path.Length == 0 ? "body" : path;

    /// <summary>The field's own name at the end of its path: <c>side</c> in <c>participants[2].side</c>.</summary>
    private static string LastName(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static string FieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$") return "";
        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return path;
    }

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string Expected(string typeName)
    {
        var nullable = NullableOf().Match(typeName);
        return $"The value must be {Friendly(nullable.Success ? nullable.Groups["inner"].Value : typeName)}.";
    }

    private static string Friendly(string clrType) => NullableName().Replace(clrType, "$1") switch
    {
        "System.Boolean" or "bool" or "bool?" => "true or false",
        "System.String" or "string" => "a string",
        "System.Guid" or "Guid" or "Guid?" => "a UUID",
        "System.Int32" or "System.Int64" or "int" or "int?" or "long" or "long?" => "a whole number",
        "System.Decimal" or "System.Double" or "decimal" or "decimal?" => "a number",
        "System.DateTimeOffset" or "DateTimeOffset" or "DateTimeOffset?" => "a date-time with an offset (RFC 3339)",
        "System.DateOnly" or "DateOnly" or "DateOnly?" => "a date (YYYY-MM-DD)",
        _ when clrType.Contains("List", StringComparison.Ordinal) || clrType.EndsWith("[]", StringComparison.Ordinal) => "an array",
        _ => "of the documented type",
    };

    [GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("[Dd]uplicate (JSON )?property[^']*'(?<name>[^']+)'")]
    private static partial Regex DuplicateProperty();

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\. Path")]
    private static partial Regex ConversionTarget();

    [GeneratedRegex(@"^Nullable<(.+)>$")]
    private static partial Regex NullableName();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<inner>.+)\]$")]
    private static partial Regex NullableOf();

    [GeneratedRegex("Failed to bind parameter \"(?<type>\\S+) (?<name>[^\"]+)\" from \"(?<value>[^\"]*)\"")]
    private static partial Regex BindingFailure();

    [GeneratedRegex("Required parameter \"(?<type>\\S+) (?<name>[^\"]+)\" was not provided")]
    private static partial Regex RequiredMissing();
}
