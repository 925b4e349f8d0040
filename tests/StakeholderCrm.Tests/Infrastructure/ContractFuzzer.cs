using System.Text;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>One request the fuzzer sends: the operation it calls, who calls it, and the request as text for the report.</summary>
public sealed record FuzzRequest(string OperationId, string Path, string Method, string Caller, HttpRequestMessage Message, string Body)
{
    public override string ToString() => $"{Method} {Message.RequestUri} as {Caller}{(Body.Length == 0 ? "" : $" with {Body[..Math.Min(Body.Length, 300)]}")}";
}

/// <summary>
/// Requests generated from the contract (api-spec/openapi.json): a documented operation, its path, query, headers and
/// body filled as the schema says, then some of them mutated: a field of the wrong type or hostile text, a required
/// field left out, an unknown one added, a broken body, another media type, a stale or malformed header, another caller.
/// Every choice comes from <see cref="FuzzValues"/>, so a seed repeats the run.
/// </summary>
public sealed class ContractFuzzer(JsonNode document, FuzzValues values, Dictionary<string, string> ids)
{
    public static readonly string[] Callers = ["admin", "reader", "editor", "none", "badKey"];

    private const string Hole = "\u0001fuzz\u0001";

    private static readonly string[] Accepts =
    [
        "application/json", "application/problem+json", "*/*", "text/csv", "text/markdown", "application/xml", "text/html;q=0.9, */*;q=0.1",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "garbage",
    ];

    private static readonly string[] BrokenBodies =
    [
        "", "{", "[]", "null", "\"text\"", "{\"a\":", "{\"a\":1,\"a\":2}", "\uFEFF{}", new string('[', 300) + new string(']', 300), "{\"x\":\"\\ud800\"}",
        "<xml/>", "name,kind\n", "\u0000",
    ];

    /// <summary>A file each import reads, by resource: {0} is a number, {1} the seeded organisation.</summary>
    private static readonly Dictionary<string, string> CsvFiles = new()
    {
        ["organisations"] = "name,kind,country\nTikTok Fuzz {0},company,IE\n\"Quoted, {0}\",ngo,\n",
        ["contacts"] = "fullName,email\nPerson {0},person{0}@example.org\n",
        ["engagements"] = "title,kind,status,startsAt\nMeeting {0},meeting,held,2021-06-28T10:00:00+02:00\n",
        ["commitments"] = "title,organisationId,status\nCommitment {0},{1},open\n",
    };

    private static readonly string[] BrokenCsv = ["name,kind\n\"unclosed,company\n", "\uFEFFname\n{0}\n", "a;b;c\n1;2;3\n", "name,kind\n=HYPERLINK(\"x\"),ngo\n", ""];

    private static readonly string[] XmlBodies =
    [
        "<ListOfIRPublicDetail/>", "<ListOfIRPublicDetail><interestRepresentative><identificationCode>{0}</identificationCode></interestRepresentative></ListOfIRPublicDetail>",
        "<a>", "<!DOCTYPE a [<!ENTITY x \"xxxxxxxx\"><!ENTITY y \"&x;&x;&x;&x;&x;&x;&x;&x;\">]><a>&y;</a>", "not xml", "",
    ];

    private readonly SchemaWalk schemas = new(document);
    private readonly string[] idempotencyKeys = [values.RandomId(), values.RandomId(), values.RandomId()];
    private readonly List<(string Path, string Method, JsonObject Operation)> operations = document["paths"]!.AsObject()
        .SelectMany(path => path.Value!.AsObject().Select(method => (path.Key, method.Key, method.Value!.AsObject()))).ToList();

    public int Operations => operations.Count;

    public FuzzRequest Next()
    {
        var (path, method, operation) = values.Pick(operations);
        var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
        var uri = Path(path, parameters) + Query(parameters);
        var message = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), uri);
        foreach (var header in parameters.Where(p => (string?)p["in"] == "header")) Header(message, header);
        if (values.Chance(0.1)) message.Headers.TryAddWithoutValidation("Accept", values.Pick(Accepts));
        var body = "";
        if (operation["requestBody"]?["content"] is JsonObject content)
        {
            var (mediaType, schema) = values.Pick(content.ToList());
            body = Body(path, mediaType, schema!["schema"]);
            if (values.Chance(0.05)) body = values.Pick(BrokenBodies);
            if (values.Chance(0.05)) mediaType = values.Pick(["text/plain", "application/xml", "application/json", "multipart/form-data", "application/json; charset=latin1"]);
            message.Content = new StringContent(body, Encoding.UTF8);
            message.Content.Headers.Remove("Content-Type");
            if (!values.Chance(0.03)) message.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        }
        var caller = values.Chance(0.8) ? "admin" : values.Pick(Callers);
        return new FuzzRequest((string)operation["operationId"]!, path, method.ToUpperInvariant(), caller, message, body);
    }

    private string Path(string path, List<JsonObject> parameters)
    {
        foreach (var parameter in parameters.Where(p => (string?)p["in"] == "path"))
        {
            var name = (string)parameter["name"]!;
            var value = values.Chance(0.85) ? Usual(name, path) : values.Chance(0.5) ? values.RandomId() : values.HostileText();
            // An empty segment is another route (the collection), not this operation.
            path = path.Replace($"{{{name}}}", Uri.EscapeDataString(value.Length == 0 ? " " : value));
        }
        return path;
    }

    private string Usual(string name, string path) => name switch
    {
        "id" => ids.GetValueOrDefault(path.StartsWith("/api/admin", StringComparison.Ordinal) ? "admin" : path.Split('/')[2]) ?? values.RandomId(),
        "system" => "walk",
        "externalId" => values.Pick(["missing", "fuzz-1", "fuzz-2"]),
        "identificationCode" => "000000000001-01",
        _ => values.RandomId(),
    };

    private string Query(List<JsonObject> parameters)
    {
        var pairs = new List<string>();
        foreach (var parameter in parameters.Where(p => (string?)p["in"] == "query" && values.Chance(0.4)))
        {
            var name = (string)parameter["name"]!;
            var schema = schemas.Resolve(parameter["schema"]!);
            if (schema["items"] is { } items) schema = schemas.Resolve(items);
            foreach (var _ in Enumerable.Range(0, values.Chance(0.1) ? 2 : 1))
            {
                pairs.Add($"{name}={Uri.EscapeDataString(values.Chance(0.8) ? values.ValidText(schema, name) : values.HostileText())}");
            }
        }
        if (values.Chance(0.05)) pairs.Add(values.Pick(["colour=red", "limit", "=1", "%ZZ=1", "q=%E0%A4%A", "cursor=eyJ4IjoxfQ"]));
        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
    }

    private void Header(HttpRequestMessage message, JsonObject parameter)
    {
        var name = (string)parameter["name"]!;
        if (values.Chance((bool?)parameter["required"] == true ? 0.05 : 0.3)) return;
        var value = name switch
        {
            "Idempotency-Key" => values.Chance(0.7) ? values.RandomId() : values.Chance(0.6) ? values.Pick(idempotencyKeys) : values.HostileText(),
            _ => values.Chance(0.8) ? $"\"{values.Random.Next(1, 4)}\"" : values.Chance(0.3) ? "*" : values.HostileText(),
        };
        message.Headers.TryAddWithoutValidation(name, value.Replace("\r", "").Replace("\n", ""));
    }

    private string Body(string path, string mediaType, JsonNode? schema)
    {
        if (mediaType == "text/csv")
        {
            var file = values.Chance(0.8) ? CsvFiles.GetValueOrDefault(path.Split('/')[2], "") : values.Pick(BrokenCsv);
            return string.Format(file, values.Random.Next(100_000), ids["organisations"]);
        }
        if (mediaType.EndsWith("xml", StringComparison.Ordinal)) return string.Format(values.Pick(XmlBodies), values.Random.Next(100_000));
        if (schema is null) return "{}";
        var body = values.Valid(schemas.Resolve(schema), "", 0, schemas.Resolve);
        var hostile = new List<string>();
        for (var mutations = values.Chance(0.5) ? 0 : values.Random.Next(1, 4); mutations > 0 && body is JsonObject root; mutations--) Mutate(root, hostile);
        var text = body?.ToJsonString() ?? "null";
        foreach (var value in hostile) text = ReplaceFirst(text, $"\"{Escaped(Hole)}\"", value);
        return text;
    }

    /// <summary>
    /// One change to an object somewhere in the body: a property left out, an unknown one added, or one given a hostile
    /// value, written in later as text, because a node cannot hold an unpaired surrogate.
    /// </summary>
    private void Mutate(JsonObject root, List<string> hostile)
    {
        var target = values.Pick(Objects(root).ToList());
        var names = target.Select(p => p.Key).ToList();
        var choice = values.Random.Next(4);
        if (choice == 0 && names.Count > 0) target.Remove(values.Pick(names));
        else if (choice == 1) target[values.Pick(["colour", "id", "version", "createdAt", "erased", "restricted"])] = values.Pick(["red", "1", "true"]);
        else if (names.Count > 0)
        {
            target[values.Pick(names)] = Hole;
            hostile.Add(values.HostileJson());
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode node) => node switch
    {
        JsonObject record => [record, .. record.SelectMany(p => p.Value is null ? [] : Objects(p.Value))],
        JsonArray list => list.SelectMany(item => item is null ? [] : Objects(item)),
        _ => [],
    };

    private static string Escaped(string text) => JsonValue.Create(text).ToJsonString().Trim('"');

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }
}
