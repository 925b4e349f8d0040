using System.Globalization;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// Requests generated from the committed contract and mutated (<see cref="ContractFuzzer"/>), a bounded number per
/// run: a fixed seed, and a new one each run that the test prints (STAKEHOLDERCRM_FUZZ_SEED repeats it). Every answer
/// is below 500, has a status the operation documents, and a body its documented schema describes.
/// </summary>
public sealed class ContractFuzzTests(DatabaseProvider provider) : ApiTest(provider)
{
    public const string SeedVariable = "STAKEHOLDERCRM_FUZZ_SEED";
    private const int FixedSeed = 20261207;
    public const string RequestsVariable = "STAKEHOLDERCRM_FUZZ_REQUESTS";

    /// <summary>Per seed in CI; a longer hunt sets STAKEHOLDERCRM_FUZZ_REQUESTS.</summary>
    private static readonly int RequestsPerSeed =
        int.TryParse(Environment.GetEnvironmentVariable(RequestsVariable), CultureInfo.InvariantCulture, out var requests) ? requests : 3000;

    /// <summary>Its own host, with the rate limit lifted: a limited fuzzer would spend half its requests on 429s.</summary>
    protected override ApiHost CreateOwnHost(DatabaseProvider database) => new(database, settings: new Dictionary<string, string>
    {
        ["RateLimit:PermitsPerSecond"] = "1000000", ["RateLimit:Burst"] = "1000000",
    });

    [Test]
    public Task The_fixed_seed_gets_documented_answers_only() => FuzzAsync(FixedSeed);

    [Test]
    public Task A_new_seed_each_run_gets_documented_answers_only()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        var line = $"contract fuzzer: seed {seed} ({SeedVariable}={seed} repeats this run)";
        TestContext.Progress.WriteLine(line);
        TestContext.Out.WriteLine(line);
        return FuzzAsync(seed);
    }

    [Test]
    public async Task A_seed_repeats_its_requests()
    {
        var document = await CommittedContractAsync();
        var ids = await ContractWalk.SeedAsync(Admin);
        IEnumerable<string> Run(int seed)
        {
            var fuzzer = new ContractFuzzer(document, new FuzzValues(new Random(seed), ids), ids);
            return Enumerable.Range(0, 200).Select(_ => fuzzer.Next().ToString()).ToList();
        }

        Assert.That(Run(7), Is.EqualTo(Run(7)));
        Assert.That(Run(8), Is.Not.EqualTo(Run(7)));
    }

    private async Task FuzzAsync(int seed)
    {
        var document = await CommittedContractAsync();
        var ids = await ContractWalk.SeedAsync(Admin);
        var fuzzer = new ContractFuzzer(document, new FuzzValues(new Random(seed), ids), ids);
        var walk = new SchemaWalk(document);
        var clients = await CallersAsync();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var called = new HashSet<string>();

        for (var sent = 1; sent <= RequestsPerSeed; sent++)
        {
            var request = fuzzer.Next();
            called.Add(request.OperationId);
            HttpResponseMessage response;
            // The in-memory server hands the client an exception no handler answered: a 500 on a real server.
            try { response = await clients[request.Caller].SendAsync(request.Message); }
            catch (Exception exception) when (exception is not HttpRequestException)
            {
                failures.Add($"#{sent} {request}{Environment.NewLine}    threw {exception.GetType().Name}: {exception.Message}");
                continue;
            }
            using var _ = response;
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync();
            foreach (var fault in Faults(document, walk, request, response, text))
            {
                failures.Add($"#{sent} {request}{Environment.NewLine}    answered {status} {text[..Math.Min(text.Length, 300)]}{Environment.NewLine}    {fault}");
            }
        }

        TestContext.Out.WriteLine($"seed {seed}: {RequestsPerSeed} requests over {fuzzer.Operations} operations; statuses "
            + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")) + $"; {walk.ValuesChecked} values checked");
        Assert.That(statuses.Keys.Count(s => s < 300), Is.GreaterThanOrEqualTo(2), "the fuzzer should also send requests the API accepts");
        Assert.That(called, Has.Count.EqualTo(fuzzer.Operations), "every operation of the contract is called");
        Assert.That(failures, Is.Empty, $"seed {seed} ({SeedVariable}={seed} repeats it), {failures.Count} faults:{Environment.NewLine}"
            + string.Join(Environment.NewLine, failures.Take(25)));
    }

    private static IEnumerable<string> Faults(JsonNode document, SchemaWalk walk, FuzzRequest request, HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) yield return "a server error";
        var documented = document["paths"]![request.Path]![request.Method.ToLowerInvariant()]!["responses"]![status.ToString(CultureInfo.InvariantCulture)];
        if (documented is null)
        {
            yield return $"{status} is not among the operation's documented answers";
            yield break;
        }
        if (text.Length == 0) yield break;
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no media type";
        if (documented["content"]?[mediaType] is not { } content)
        {
            yield return $"a body as {mediaType}, which the contract does not list for {status}";
            yield break;
        }
        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || content["schema"] is not { } schema) yield break;
        JsonNode? answer;
        try { answer = JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { answer = null; }
        if (answer is null) yield return "a body that is not JSON";
        else foreach (var departure in walk.Departures(answer, schema)) yield return departure;
    }

    private async Task<Dictionary<string, HttpClient>> CallersAsync()
    {
        var admin = await Admin.CreateAsync(Routes.ApiKeys, new NewApiKey("fuzz-admin", "admin") { Cleared = true });
        return new Dictionary<string, HttpClient>
        {
            ["admin"] = Client((string)admin["secret"]!),
            ["reader"] = await ClientWithRoleAsync("reader"),
            ["editor"] = await ClientWithRoleAsync("editor"),
            ["none"] = Client(apiKey: null),
            ["badKey"] = Client("not-a-key"),
        };
    }

    private static async Task<JsonNode> CommittedContractAsync()
        => JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("api-spec", "openapi.json")))!;
}
