using System.Globalization;
using System.Text.RegularExpressions;

namespace StakeholderCrm.Tests.TestSupport;

/// <summary>A property a request body sends, named as the API's field errors name it, and how to take it out of a body.</summary>
public sealed record BodyProperty(string Path, bool Required, Action<JsonObject> Remove);

/// <summary>
/// Reads the OpenAPI document's schemas the way a client does: <c>$ref</c> and <c>allOf</c> resolved, properties
/// named by their path (<c>participants[0].contactId</c>, <c>evidence.url</c>), into objects and the objects of lists.
/// </summary>
public sealed partial class SchemaWalk(JsonNode document)
{
    private const int MaxDepth = 6;

    private readonly JsonNode schemas = document["components"]!["schemas"]!;

    /// <summary>The schema with its <c>$ref</c> followed and its <c>allOf</c> parts merged; its own keys win.</summary>
    public JsonObject Resolve(JsonNode schema)
    {
        if (schema["$ref"] is { } reference)
        {
            var resolved = Resolve(schemas[((string)reference!).Split('/')[^1]]!);
            return Merge(resolved, schema.AsObject());
        }
        if (schema["allOf"] is not JsonArray parts) return schema.AsObject();
        return Merge(parts.Select(part => Resolve(part!)).Aggregate(new JsonObject(), Merge), schema.AsObject());
    }

    public static IReadOnlySet<string> Required(JsonObject schema) => (schema["required"]?.AsArray().Select(n => (string)n!) ?? []).ToHashSet();

    /// <summary>Every declared property the body sends, nested ones after their parent; a list is entered by its first item.</summary>
    public IEnumerable<BodyProperty> Properties(JsonObject body, JsonNode schema) => Properties(body, Resolve(schema), "", root => root, depth: 0);

    private IEnumerable<BodyProperty> Properties(JsonObject level, JsonObject schema, string prefix, Func<JsonObject, JsonObject> locate, int depth)
    {
        var required = Required(schema);
        foreach (var (name, value) in level)
        {
            if (schema["properties"]?[name] is not { } declared || depth > MaxDepth) continue;
            var path = prefix + name;
            yield return new BodyProperty(path, required.Contains(name), root => locate(root).Remove(name));
            var property = Resolve(declared);
            var inner = value switch
            {
                JsonObject nested when property["properties"] is not null
                    => Properties(nested, property, path + ".", root => locate(root)[name]!.AsObject(), depth + 1),
                JsonArray { Count: > 0 } list when list[0] is JsonObject first && property["items"] is { } items
                    => Properties(first, Resolve(items), path + "[0].", root => locate(root)[name]![0]!.AsObject(), depth + 1),
                _ => [],
            };
            foreach (var nested in inner) yield return nested;
        }
    }

    /// <summary>The paths of every property the schema declares, nested ones included, named as <see cref="Properties"/> names them.</summary>
    public IEnumerable<string> DeclaredPaths(JsonNode schema, string prefix = "", int depth = 0)
    {
        var resolved = Resolve(schema);
        foreach (var (name, declared) in resolved["properties"]?.AsObject() ?? [])
        {
            yield return prefix + name;
            if (depth >= MaxDepth) continue;
            var property = Resolve(declared!);
            var inner = property["properties"] is not null ? DeclaredPaths(property, $"{prefix}{name}.", depth + 1)
                : property["items"] is { } items && Resolve(items)["properties"] is not null ? DeclaredPaths(items, $"{prefix}{name}[0].", depth + 1)
                : [];
            foreach (var path in inner) yield return path;
        }
    }

    /// <summary>The paths of every property a body sends, named as <see cref="Properties"/> names them.</summary>
    public static IEnumerable<string> SentPaths(JsonObject body, string prefix = "")
    {
        foreach (var (name, value) in body)
        {
            yield return prefix + name;
            var inner = value switch
            {
                JsonObject nested => SentPaths(nested, $"{prefix}{name}."),
                JsonArray { Count: > 0 } list when list[0] is JsonObject first => SentPaths(first, $"{prefix}{name}[0]."),
                _ => [],
            };
            foreach (var path in inner) yield return path;
        }
    }

    /// <summary>How many values <see cref="Departures"/> has checked, so that a walk with nothing to report says how much it saw.</summary>
    public int ValuesChecked { get; private set; }

    /// <summary>
    /// Where an answer departs from its schema: a property the schema does not declare, a required one missing, a
    /// null where the schema does not say nullable, a value of another type, a value outside its enum, or one its <c>uuid</c>, <c>date-time</c>
    /// or <c>date</c> format cannot read. Items of a list are named <c>items[]</c>, so a fault is said once.
    /// </summary>
    public IEnumerable<string> Departures(JsonNode? answer, JsonNode schema, string path = "answer", int depth = 0)
    {
        var resolved = Resolve(schema);
        ValuesChecked++;
        if (answer is null)
        {
            if (resolved["nullable"]?.GetValue<bool>() != true) yield return $"{path} is null, which the schema does not allow";
            yield break;
        }
        if (depth > MaxDepth) yield break;
        if (TypeDeparture(resolved, answer) is { } type)
        {
            yield return $"{path} is {answer.GetValueKind().ToString().ToLowerInvariant()}, {type}";
            yield break;
        }
        if (answer is JsonValue scalar && scalar.TryGetValue<string>(out var text) && ValueDeparture(resolved, text) is { } fault)
        {
            yield return $"{path} is \"{text}\", {fault}";
        }
        if (answer is JsonObject record && resolved["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in record)
            {
                if (properties[name] is not { } declared)
                {
                    yield return $"{path}.{name} is sent but not declared";
                    continue;
                }
                foreach (var departure in Departures(value, declared, $"{path}.{name}", depth + 1)) yield return departure;
            }
            foreach (var name in Required(resolved).Where(name => !record.ContainsKey(name))) yield return $"{path}.{name} is required but not sent";
        }
        if (answer is JsonArray list && resolved["items"] is { } items)
        {
            foreach (var departure in list.SelectMany(item => Departures(item, items, $"{path}[]", depth + 1))) yield return departure;
        }
    }

    private static string? TypeDeparture(JsonObject schema, JsonNode answer)
    {
        var kind = answer.GetValueKind();
        var fits = (string?)schema["type"] switch
        {
            "string" => kind == System.Text.Json.JsonValueKind.String,
            "integer" => kind == System.Text.Json.JsonValueKind.Number && answer.GetValue<decimal>() % 1 == 0,
            "number" => kind == System.Text.Json.JsonValueKind.Number,
            "boolean" => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
            "array" => kind == System.Text.Json.JsonValueKind.Array,
            "object" => kind == System.Text.Json.JsonValueKind.Object,
            _ => true,
        };
        return fits ? null : $"which is not of the type {schema["type"]}";
    }

    private static string? ValueDeparture(JsonObject schema, string text)
    {
        if (schema["enum"] is JsonArray values && !values.Any(v => (string?)v == text)) return $"which is not one of {string.Join(", ", values)}";
        var readable = (string?)schema["format"] switch
        {
            "uuid" => Guid.TryParseExact(text, "D", out _),
            "date-time" => DateTimeRegex().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            _ => true,
        };
        return readable ? null : $"which is not a {schema["format"]}";
    }

    /// <summary>RFC 3339's date-time: a date, a time and an offset (or Z); the fraction of a second is optional.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimeRegex();

    private static JsonObject Merge(JsonObject into, JsonObject part)
    {
        var merged = into.DeepClone().AsObject();
        foreach (var (key, value) in part)
        {
            if (key is "$ref" or "allOf") continue;
            if (key is "properties" or "required" && merged[key] is { } existing)
            {
                merged[key] = key == "required"
                    ? new JsonArray(existing.AsArray().Concat(value!.AsArray()).Select(n => (string)n!).Distinct().Select(n => (JsonNode)n).ToArray())
                    : new JsonObject(existing.AsObject().Concat(value!.AsObject())
                        .GroupBy(p => p.Key).Select(g => KeyValuePair.Create(g.Key, g.Last().Value?.DeepClone())));
                continue;
            }
            merged[key] = value?.DeepClone();
        }
        return merged;
    }
}
