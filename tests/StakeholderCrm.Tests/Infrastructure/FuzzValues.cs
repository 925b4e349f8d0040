using System.Globalization;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// Values for the contract fuzzer, drawn from one <see cref="Random"/> so that a seed repeats a run: a value the
/// schema describes, or one a careless or hostile client sends instead. Web addresses are literal IPs or words, never
/// a host name a lookup would wait on.
/// </summary>
public sealed class FuzzValues(Random random, Dictionary<string, string> ids)
{
    /// <summary>Query, path and header texts that break a rule: the wrong type, out of range, too long, or hostile.</summary>
    private static readonly string[] HostileTexts =
    [
        "", " ", "null", "-1", "0", "2147483648", "1e400", "NaN", "true", "[]", "{}", "9999-12-31", "0001-01-01", "2021-02-30",
        "2021-06-28T25:00:00Z", "00000000-0000-0000-0000-000000000000", "not-a-uuid", "../../etc/passwd", "%00", "%2F", "' OR 1=1 --",
        "<script>alert(1)</script>", "\u202eTikTok", "Zoë 🙂", "\t\r\n", "*", "\"1\"", "W/\"1\"",
    ];

    private static readonly string[] Words = ["TikTok", "Greer", "Maglione", "Evans", "child safety", "TCO", "forum", "Age", "Nobody", "ünïcödé"];

    private static readonly string[] Addresses =
    [
        "https://203.0.113.10/hooks", "https://198.51.100.7/report", "http://127.0.0.1/x", "https://169.254.169.254/latest", "https://[::1]/",
        "ftp://203.0.113.10/", "not a url", "https://10.0.0.1/a?b=c#d",
    ];

    public Random Random => random;

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string HostileText() => Chance(0.1) ? new string('x', Pick([37, 256, 2049, 20_001])) : Pick(HostileTexts);

    /// <summary>A valid value for a query, path or header parameter, as text.</summary>
    public string ValidText(JsonObject schema, string name) => Valid(schema, name, depth: 0) switch
    {
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue value => value.ToJsonString().Trim('"'),
        var other => other?.ToJsonString() ?? "",
    };

    /// <summary>A value the schema describes, with every required property of an object and some of the rest.</summary>
    public JsonNode? Valid(JsonObject schema, string name, int depth, Func<JsonNode, JsonObject>? resolve = null)
    {
        if (schema["enum"] is JsonArray values) return Pick(values.ToList())!.DeepClone();
        return (string?)schema["type"] switch
        {
            "object" when resolve is not null && depth < 4 => Object(schema, resolve, depth),
            "array" when resolve is not null && depth < 4 && schema["items"] is { } items
                => new JsonArray(Enumerable.Range(0, Chance(0.1) ? 0 : random.Next(1, 3)).Select(_ => Valid(resolve(items), name, depth + 1, resolve)).ToArray()),
            "integer" => random.Next((int?)schema["minimum"] ?? 0, Math.Min((int?)schema["maximum"] ?? 1000, 100_000) + 1),
            "number" => Math.Round(random.NextDouble() * 10_000, 2),
            "boolean" => Chance(0.5),
            "string" => (string?)schema["format"] switch
            {
                "uuid" => Reference(name),
                "date" => Day().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "date-time" => Day().ToDateTime(new TimeOnly(random.Next(24), random.Next(60))).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
                    + Pick(["Z", "+02:00", "-05:00"]),
                _ when name.Contains("url", StringComparison.OrdinalIgnoreCase) || name.Contains("website", StringComparison.OrdinalIgnoreCase)
                    => Pick(Addresses),
                _ when name.Contains("email", StringComparison.OrdinalIgnoreCase) => $"person{random.Next(1000)}@example.org",
                _ => $"{Pick(Words)} {random.Next(100_000)}",
            },
            _ => null,
        };
    }

    /// <summary>A JSON value that breaks the schema: the wrong type, null, out of range, or a text no field should hold.</summary>
    public string HostileJson() => Pick(
    [
        "null", "\"\"", "\"\\ud800\"", "\"\\u0000\"", "-1", "1e400", "2147483648", "1.5", "true", "[]", "[null]", "{}", "{\"x\":[[[]]]}",
        $"\"{new string('x', 20_001)}\"", "\"2021-02-30\"", "\"not-a-uuid\"", "\"00000000-0000-0000-0000-000000000000\"", "[\"\\ud800\"]",
        "\"<b>TikTok</b>\"", "\"\\u202e\"", "[1,2,3]", "\"https://203.0.113.10/\"", "\"*\"",
    ]);

    private JsonObject Object(JsonObject schema, Func<JsonNode, JsonObject> resolve, int depth)
    {
        var required = SchemaWalk.Required(schema);
        var properties = new JsonObject();
        foreach (var (name, declared) in schema["properties"]?.AsObject() ?? [])
        {
            if (required.Contains(name) || Chance(0.6)) properties[name] = Valid(resolve(declared!), name, depth + 1, resolve);
        }
        return properties;
    }

    /// <summary>The seeded record of the resource an id names, sometimes another: a random id, or one of another resource.</summary>
    private string Reference(string name)
    {
        if (Chance(0.1)) return RandomId();
        var resource = name.Replace("Ids", "", StringComparison.Ordinal).Replace("Id", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "organisation" or "parent" or "convener" => "organisations",
            "body" => "bodies",
            "topic" => "topics",
            "madeinengagement" or "sourceengagement" or "engagement" => "engagements",
            "commitment" => "commitments",
            _ => "contacts",
        };
        return Chance(0.1) ? Pick(ids.Values.ToList()) : ids[resource];
    }

    /// <summary>An id no record has, drawn from the seed so that a run repeats.</summary>
    public string RandomId()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    /// <summary>A day of recent years, now and then the first or last day a calendar has.</summary>
    private DateOnly Day() => Chance(0.03) ? Pick([DateOnly.MinValue, DateOnly.MaxValue]) : new DateOnly(2015, 1, 1).AddDays(random.Next(365 * 15));
}
