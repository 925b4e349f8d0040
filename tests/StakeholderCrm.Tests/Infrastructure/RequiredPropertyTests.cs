using System.Text;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// Walks each operation that creates, replaces or moves a record from a JSON body: its complete valid request (from
/// <see cref="ValidRequests"/>) with one property taken out, nested ones too (<c>participants[0].contactId</c>), must be
/// refused with a 400 naming that property when the contract lists it as required, and accepted when the contract
/// leaves it optional (the API defaults it). Every answer that succeeds must also match its documented schema.
/// </summary>
public sealed class RequiredPropertyTests(DatabaseProvider provider) : ApiTest(provider)
{
    private sealed record JsonOperation(string OperationId, string Method, string Path, JsonNode Schema, JsonObject Responses);

    private static IEnumerable<string> Operations => ValidRequests.ByOperation.Keys.Order();

    [Test]
    public async Task Every_operation_that_writes_from_a_json_body_has_a_valid_request()
    {
        var operations = JsonOperations(await DocumentAsync()).Select(o => o.OperationId).ToList();
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(19));
        Assert.That(operations.Except(ValidRequests.ByOperation.Keys), Is.Empty, "operations without a row in ValidRequests");
        Assert.That(ValidRequests.ByOperation.Keys.Except(operations), Is.Empty, "rows in ValidRequests for no operation of the contract");
    }

    [TestCaseSource(nameof(Operations))]
    public async Task A_missing_property_is_refused_when_required_and_defaulted_when_optional(string operationId)
    {
        var document = await DocumentAsync();
        var walk = new SchemaWalk(document);
        var operation = JsonOperations(document).Single(o => o.OperationId == operationId);
        var valid = ValidRequests.ByOperation[operationId];
        var records = await WalkRecords.SeedAsync(Admin);
        var mismatches = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var labels = new HashSet<string>();
        var departures = new SortedSet<string>(StringComparer.Ordinal);

        var filled = new HashSet<string>();
        foreach (var body in valid.Bodies)
        {
            var template = await body(records);
            filled.UnionWith(SchemaWalk.SentPaths(template));
            foreach (var (label, response) in await SendAsync(operation, valid, records, () => body(records)))
            {
                var refusal = response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();
                Assert.That(response.IsSuccessStatusCode, Is.True, $"{operationId} ({label}): the valid request is refused: {refusal}");
                labels.Add(label);
                departures.UnionWith(await DeparturesAsync(walk, operation, response));
            }
            foreach (var property in walk.Properties(template, operation.Schema))
            {
                var answers = await SendAsync(operation, valid, records, async () =>
                {
                    var fresh = await body(records);
                    property.Remove(fresh);
                    return fresh;
                });
                var leftInGroup = valid.OneOf.Intersect(SchemaWalk.SentPaths(template)).Except([property.Path]).Any();
                foreach (var (label, response) in answers)
                {
                    if (await MismatchAsync(operationId, property, valid.OneOf, leftInGroup, response) is { } mismatch)
                    {
                        mismatches.TryAdd(mismatch, []);
                        mismatches[mismatch].Add(label);
                    }
                    if (response.IsSuccessStatusCode) departures.UnionWith(await DeparturesAsync(walk, operation, response));
                }
            }
        }

        // A mismatch found one way of sending only (a PUT that creates, or one that replaces) says which.
        var found = mismatches.Select(m => m.Value.Count == labels.Count ? m.Key : $"{m.Key} ({string.Join(", ", m.Value)})").ToList();
        var declared = walk.DeclaredPaths(operation.Schema).ToHashSet();
        found.AddRange(declared.Except(filled).Select(path => $"{operationId}: the valid request leaves out {path}; fill it in ValidRequests"));
        found.AddRange(filled.Except(declared).Select(path => $"{operationId}: the valid request sends {path}, which the contract does not declare"));
        Assert.Multiple(() =>
        {
            Assert.That(found, Is.Empty, "request properties:" + Environment.NewLine + string.Join(Environment.NewLine, found));
            Assert.That(departures, Is.Empty, "answers:" + Environment.NewLine + string.Join(Environment.NewLine, departures));
        });
    }

    /// <summary>What is wrong with the answer to a body without the property, or null when it is what the contract says.</summary>
    private static async Task<string?> MismatchAsync(string operation, BodyProperty property, IReadOnlyList<string> oneOf, bool leftInGroup,
        HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var errors = response.StatusCode == HttpStatusCode.BadRequest && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? JsonNode.Parse(text)?["errors"] as JsonObject
            : null;
        var inGroup = oneOf.Contains(property.Path);
        if (inGroup && property.Required)
        {
            return $"{operation}: {property.Path} is required in the contract, but the API needs only one of {string.Join(", ", oneOf)}";
        }
        if (inGroup && !leftInGroup)
        {
            return errors is not null && oneOf.Any(errors.ContainsKey) ? null
                : $"{operation}: a body with none of {string.Join(", ", oneOf)} is answered {(int)response.StatusCode}: {Shorten(text)}";
        }
        return (property.Required, response.IsSuccessStatusCode, errors?[property.Path]) switch
        {
            (true, false, not null) or (false, true, _) => null,
            (true, true, _) => $"{operation}: {property.Path} is required in the contract, but the API accepts a body without it",
            (false, false, { } message)
                => $"{operation}: {property.Path} is optional in the contract, but the API refuses a body without it: {string.Join(" ", message.AsArray())}",
            _ => $"{operation}: a body without {property.Path} is answered {(int)response.StatusCode}: {Shorten(text)}",
        };
    }

    /// <summary>
    /// Sends a body (made afresh for each call) as the operation takes it: on a new subject when the path has an
    /// <c>{id}</c>; a PUT by external id both creates under a new id and replaces a record created from a complete body.
    /// </summary>
    private async Task<List<(string Label, HttpResponseMessage Response)>> SendAsync(JsonOperation operation, ValidRequest valid, WalkRecords records,
        Func<Task<JsonObject>> body)
    {
        if (operation.Method == "put")
        {
            var created = await SendAsync(HttpMethod.Put, ByNewExternalId(operation.Path), null, await body());
            var existing = ByNewExternalId(operation.Path);
            var complete = await SendAsync(HttpMethod.Put, existing, null, await valid.Bodies[0](records));
            Assert.That(complete.StatusCode, Is.EqualTo(HttpStatusCode.Created), await complete.Content.ReadAsStringAsync());
            return [("creating", created), ("replacing", await SendAsync(HttpMethod.Put, existing, null, await body()))];
        }
        if (valid.Subject is null) return [("creating", await SendAsync(HttpMethod.Post, operation.Path, null, await body()))];
        var subject = await valid.Subject(records);
        return [("changing", await SendAsync(HttpMethod.Post, operation.Path.Replace("{id}", subject.Id()), Requests.ETag(subject), await body()))];
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string uri, string? ifMatch, JsonObject body)
    {
        var request = new HttpRequestMessage(method, uri) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Admin.SendAsync(request);
    }

    private static string ByNewExternalId(string path) => path.Replace("{system}", "walk").Replace("{externalId}", Guid.NewGuid().ToString("N"));

    private static async Task<IEnumerable<string>> DeparturesAsync(SchemaWalk walk, JsonOperation operation, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString();
        if (operation.Responses[status]?["content"]?["application/json"]?["schema"] is not { } schema)
        {
            return [$"{operation.OperationId}: answers {status}, which the contract does not list with a JSON body"];
        }
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return walk.Departures(answer, schema).Select(departure => $"{operation.OperationId} {status}: {departure}");
    }

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await Client(apiKey: null).GetStringAsync(ContractWalk.DocumentPath))!;

    /// <summary>The operations that create, replace or move a record from a JSON body: POST and PUT (a PATCH sends only what changes).</summary>
    private static IEnumerable<JsonOperation> JsonOperations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Key is "post" or "put"
        let schema = operation.Value!["requestBody"]?["content"]?["application/json"]?["schema"]
        where schema is not null
        select new JsonOperation((string)operation.Value!["operationId"]!, operation.Key, path.Key, schema, operation.Value!["responses"]!.AsObject());

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
