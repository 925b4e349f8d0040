using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// Every GET operation of the contract, read over a realistic data set (<see cref="ReadRecords"/>) as
/// <see cref="ReadRequests"/> says, answers 200 with a body its schema describes: every property declared, every
/// required one sent, null only where nullable, enum values within their enum, ids, instants and days readable.
/// The write operations' answers are checked the same way by <see cref="RequiredPropertyTests"/>.
/// </summary>
public sealed class ReadAnswerTests(DatabaseProvider provider) : ApiTest(provider)
{
    private sealed record GetOperation(string OperationId, string Path, JsonObject Ok);

    [Test]
    public async Task Every_read_answers_as_its_schema_says()
    {
        var document = JsonNode.Parse(await Client(apiKey: null).GetStringAsync(ContractWalk.DocumentPath))!;
        var walk = new SchemaWalk(document);
        var reader = await ClearedAdminAsync();
        var requests = ReadRequests.For(await ReadRecords.SeedAsync(Host, reader));
        var operations = GetOperations(document).ToList();
        var departures = new SortedSet<string>(StringComparer.Ordinal);
        var walked = new HashSet<string>();
        var answers = 0;

        foreach (var operation in operations.Where(o => requests.ContainsKey(o.OperationId)))
        {
            foreach (var uri in Uris(operation.Path, requests[operation.OperationId]))
            {
                var response = await reader.GetAsync(uri);
                var text = await response.Content.ReadAsStringAsync();
                answers++;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    departures.Add($"{operation.OperationId}: GET {uri} answers {(int)response.StatusCode}: {text}");
                    continue;
                }
                walked.Add(operation.OperationId);
                var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no media type";
                if (operation.Ok["content"]?[mediaType] is not { } content)
                {
                    departures.Add($"{operation.OperationId}: answers 200 as {mediaType}, which the contract does not list");
                }
                else if (mediaType == "application/json" && content["schema"] is { } schema)
                {
                    departures.UnionWith(walk.Departures(JsonNode.Parse(text), schema).Select(departure => $"{operation.OperationId}: {departure}"));
                }
            }
        }

        TestContext.Out.WriteLine($"{answers} answers to {walked.Count} GET operations; {walk.ValuesChecked} values checked against their schemas.");
        var documented = operations.Select(o => o.OperationId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(documented, Has.Count.GreaterThanOrEqualTo(38));
            Assert.That(documented.Except(walked), Is.Empty, "GET operations the walk did not read with a 200: give them a row in ReadRequests");
            Assert.That(requests.Keys.Except(documented), Is.Empty, "rows in ReadRequests for no GET operation of the contract");
            Assert.That(departures, Is.Empty, "answers:" + Environment.NewLine + string.Join(Environment.NewLine, departures));
        });
    }

    /// <summary>An admin cleared for sensitive engagements, so that every record of the data set can be read.</summary>
    private async Task<HttpClient> ClearedAdminAsync()
    {
        var key = await Admin.CreateAsync(Routes.ApiKeys, new NewApiKey("read-walk", "admin") { Cleared = true });
        return Client((string)key["secret"]!);
    }

    private static IEnumerable<string> Uris(string path, ReadRequest request)
    {
        var paths = path.Contains("{id}", StringComparison.Ordinal) ? request.Ids.Select(id => path.Replace("{id}", id)) : [path];
        return from filled in paths
               let uri = filled.Replace("{system}", ReadRecords.System).Replace("{externalId}", ReadRecords.ExternalId)
                   .Replace("{identificationCode}", ReadRecords.RegisterEntry)
               from query in request.Queries
               select query.Length == 0 ? uri : $"{uri}?{query}";
    }

    private static IEnumerable<GetOperation> GetOperations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Key == "get"
        select new GetOperation((string)operation.Value!["operationId"]!, path.Key, operation.Value!["responses"]!["200"]!.AsObject());
}
