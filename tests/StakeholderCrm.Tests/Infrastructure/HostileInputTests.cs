using System.Text;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// Every operation that reads a JSON body, sent its documented fields with one field at a time made hostile (an
/// unpaired surrogate, nulls in a list, the wrong shape, a number out of range), answers a problem and never a 500.
/// A walk like this found an API key's null scope, batch items and CSV cells with "\ud800", and a PUT by external id
/// with a malformed externalIds each answering 500.
/// </summary>
public sealed class HostileInputTests(DatabaseProvider provider) : ApiTest(provider)
{
    private static readonly string[] Hostile = ["\"\\ud800\"", "[null]", "[\"\\ud800\"]", "{\"x\": \"\\ud800\"}", "[{\"x\": 1}]", "1e400", "-1", "\"\"", "[[]]",
        "null"];

    [Test]
    public async Task Every_json_body_with_a_hostile_field_is_answered_with_a_problem_never_a_500()
    {
        var ids = await ContractWalk.SeedAsync(Admin);
        var document = JsonNode.Parse(await Client(apiKey: null).GetStringAsync(ContractWalk.DocumentPath))!;
        var schemas = document["components"]!["schemas"]!;
        var failures = new List<string>();
        var sent = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var media = operation!["requestBody"]?["content"]?.AsObject().FirstOrDefault(m => m.Key.EndsWith("json", StringComparison.Ordinal));
                if (media?.Value is null || Example(media.Value.Value["schema"]!, schemas, ids, depth: 0) is not JsonObject fields) continue;
                // A PUT by external id first creates, then replaces: both paths read the body.
                var tries = method == "put" ? 2 : 1;
                foreach (var body in Variants(fields))
                {
                    for (var attempt = 0; attempt < tries; attempt++)
                    {
                        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()),
                            ContractWalk.Uri(path, ids).Replace("missing", "hostile"))
                        {
                            Content = new StringContent(body, Encoding.UTF8, media.Value.Key),
                        };
                        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                        if (method == "patch") request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                        var response = await Admin.SendAsync(request);
                        sent++;
                        var status = (int)response.StatusCode;
                        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                        if (status >= 500 || (status >= 400 && !problem))
                            failures.Add($"{method.ToUpperInvariant()} {path} {status}: {body[..Math.Min(body.Length, 160)]}");
                    }
                    if (method == "put") await Admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, ContractWalk.Uri(path, ids).Replace("missing", "hostile"))
                    {
                        Content = new StringContent(fields.ToJsonString(), Encoding.UTF8, "application/json"),
                    });
                }
            }
        }
        Assert.That(sent, Is.GreaterThan(1500));
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures.Take(20)));
    }

    /// <summary>The body once per field made hostile, and for a list of records its first record's fields too.</summary>
    private static IEnumerable<string> Variants(JsonObject fields)
    {
        foreach (var (name, value) in fields)
        {
            foreach (var hostile in Hostile) yield return With(fields, name, hostile);
            if (value is JsonArray { Count: > 0 } list && list[0] is JsonObject first)
            {
                foreach (var inner in first.Select(f => f.Key))
                {
                    foreach (var hostile in Hostile) yield return With(fields, name, "[" + With(first, inner, hostile) + "]");
                }
            }
        }
    }

    // Text is joined by hand: a node holding "\ud800" cannot be written, which is the point.
    private static string With(JsonObject fields, string name, string hostile)
        => "{" + string.Join(", ", fields.Select(f => $"\"{f.Key}\": {(f.Key == name ? hostile : f.Value?.ToJsonString() ?? "null")}")) + "}";

    /// <summary>A value the schema describes; ids name the seeded record of the resource a field refers to.</summary>
    private static JsonNode? Example(JsonNode schema, JsonNode schemas, Dictionary<string, string> ids, int depth, string field = "")
    {
        if (schema["$ref"] is { } reference) return Example(schemas[((string)reference!).Split('/')[^1]]!, schemas, ids, depth, field);
        if (schema["allOf"]?[0] is { } part) return Example(part, schemas, ids, depth, field);
        if (schema["enum"]?[0] is { } first) return first.DeepClone();
        return (string?)schema["type"] switch
        {
            "object" when depth < 3 => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(p => KeyValuePair.Create(p.Key, Example(p.Value!, schemas, ids, depth + 1, p.Key)))),
            "array" when depth < 3 => new JsonArray(Example(schema["items"]!, schemas, ids, depth + 1, field)),
            "integer" => 1,
            "number" => 1.5,
            "boolean" => true,
            "string" => (string?)schema["format"] switch
            {
                "uuid" => Referenced(field, ids),
                "date" => "2021-06-28",
                "date-time" => "2021-06-28T10:00:00+02:00",
                _ => $"Walk {field} {Guid.NewGuid():N}"[..Math.Min(30, 8 + field.Length + 6)],
            },
            _ => null,
        };
    }

    private static string Referenced(string field, Dictionary<string, string> ids)
    {
        var resource = field.Replace("Ids", "", StringComparison.Ordinal).Replace("Id", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "organisation" or "parent" => "organisations",
            "body" => "bodies",
            "topic" => "topics",
            "madeinengagement" or "sourceengagement" or "engagement" or "evidenceengagement" => "engagements",
            _ => "contacts",
        };
        return ids[resource];
    }
}
