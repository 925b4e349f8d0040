using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// The contract types each list filter as a client generator needs it: fixed values as an enum, dates with their
/// format; and every value it lists, the API takes.
/// </summary>
public sealed class QueryParameterContractTests(DatabaseProvider provider) : ApiTest(provider)
{
    /// <summary>Filters whose text is free: words to search, cursors, codes and names checked by their own rules.</summary>
    private static readonly string[] FreeText = ["q", "cursor", "after", "country", "tag", "metric"];

    [Test]
    public async Task Every_list_filter_states_its_values_or_its_format()
    {
        var (document, filters) = await FiltersAsync();
        var untyped = filters
            .Where(f => !FreeText.Contains(f.Name))
            .Select(f => (f.Operation, f.Name, Schema: Resolved(document, f.Schema)))
            .Where(f => f.Schema["enum"] is null && f.Schema["format"] is null && (string?)f.Schema["type"] == "string")
            .Select(f => $"{f.Operation} {f.Name}");
        Assert.That(untyped, Is.Empty);

        var listEngagements = filters.Where(f => f.Operation == "ListEngagements").ToDictionary(f => f.Name, f => f.Schema);
        Assert.That((string)listEngagements["kind"]["$ref"]!, Is.EqualTo("#/components/schemas/EngagementKind"));
        Assert.That((string)listEngagements["status"]["$ref"]!, Is.EqualTo("#/components/schemas/EngagementStatus"));
        Assert.That((string)listEngagements["confidentiality"]["$ref"]!, Is.EqualTo("#/components/schemas/Confidentiality"));
        Assert.That((string)listEngagements["from"]["format"]!, Is.EqualTo("date-time"));
        Assert.That((string)listEngagements["to"]["format"]!, Is.EqualTo("date-time"));
        Assert.That(listEngagements["sort"]["enum"]!.AsArray().Select(v => (string)v!), Is.EqualTo(new[] { "startsAt", "-startsAt", "updatedAt", "-updatedAt" }));
        Assert.That((string)listEngagements["sort"]["default"]!, Is.EqualTo("-startsAt"));

        var status = filters.Single(f => f.Operation == "ListCommitments" && f.Name == "status").Schema;
        Assert.That((string)status["type"]!, Is.EqualTo("array"));
        Assert.That((string)status["items"]!["$ref"]!, Is.EqualTo("#/components/schemas/CommitmentStatus"));
    }

    [Test]
    public async Task Every_value_the_contract_lists_for_a_filter_is_taken()
    {
        var (document, filters) = await FiltersAsync();
        var refused = new List<string>();
        var tried = 0;
        foreach (var (operation, path, name, schema) in filters)
        {
            var resolved = Resolved(document, schema);
            var values = (string?)resolved["type"] == "array" ? Resolved(document, resolved["items"]!)["enum"] : resolved["enum"];
            foreach (var value in values?.AsArray().Select(v => (string)v!) ?? [])
            {
                tried++;
                var response = await Admin.GetAsync($"{path}?{name}={Uri.EscapeDataString(value)}");
                if (response.StatusCode != HttpStatusCode.OK) refused.Add($"{operation} {name}={value}: {(int)response.StatusCode}");
            }
        }
        Assert.That(tried, Is.GreaterThan(100));
        Assert.That(refused, Is.Empty);
    }

    [TestCase("2021-06-28")]
    [TestCase("2021-06-28T09:30:00Z")]
    [TestCase("2021-06-28T09:30:00.0000000+02:00")]
    [TestCase("2021-06-28T09:30:00")]
    public async Task The_date_filters_take_a_date_and_what_generated_clients_send_for_a_date_time(string value)
    {
        var response = await Admin.GetAsync($"{Routes.Engagements}?from={Uri.EscapeDataString(value)}&to={Uri.EscapeDataString(value)}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>The query parameters of every GET on a collection: the lists, their CSV exports and the change feed.</summary>
    private async Task<(JsonNode Document, List<(string Operation, string Path, string Name, JsonNode Schema)> Filters)> FiltersAsync()
    {
        var document = JsonNode.Parse(await Admin.GetStringAsync(ContractWalk.DocumentPath))!;
        var filters = document["paths"]!.AsObject()
            .Where(path => !path.Key.Contains('{') && path.Value!["get"] is not null)
            .SelectMany(path => path.Value!["get"]!["parameters"]?.AsArray()
                .Where(p => (string)p!["in"]! == "query")
                .Select(p => ((string)path.Value!["get"]!["operationId"]!, path.Key, (string)p!["name"]!, p["schema"]!)) ?? [])
            .ToList();
        Assert.That(filters.Select(f => f.Item1).Distinct().Count(), Is.GreaterThanOrEqualTo(12), "lists, exports and the change feed");
        return (document, filters);
    }

    private static JsonNode Resolved(JsonNode document, JsonNode schema)
        => schema["$ref"] is { } reference ? document["components"]!["schemas"]![((string)reference!).Split('/')[^1]]! : schema;
}
