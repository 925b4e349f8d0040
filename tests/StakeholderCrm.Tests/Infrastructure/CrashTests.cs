using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// The API killed with SIGKILL in the middle of creates and If-Match patches, three times (issue 23): after each restart
/// the writers retry what got no answer, with the same Idempotency-Keys. Nothing acknowledged is lost, nothing is
/// duplicated, no version goes backwards, and the change feed has one entry per change.
/// </summary>
public sealed class CrashTests
{
    private const int Writers = 6;
    private const int Cycles = 3;

    [Test]
    public async Task Killed_mid_load_three_times_loses_nothing_acknowledged_and_duplicates_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("stakeholdercrm-crash-").FullName;
        var database = Path.Combine(folder, "crm.db");
        var run = Guid.NewGuid().ToString("N")[..8];
        var writers = Enumerable.Range(0, Writers).Select(n => new Writer($"Crashtest {run} {n}", new Random(n))).ToList();
        try
        {
            for (var cycle = 0; cycle < Cycles; cycle++)
            {
                using var api = await ApiProcess.StartAsync(database, ApiProcess.FreePort());
                using var client = api.Client();
                foreach (var writer in writers) await writer.RetryUnansweredAsync(client);
                await AssertNothingAcknowledgedLostAsync(client, writers);

                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                var load = writers.Select(writer => writer.WriteUntilFailureAsync(client, stop.Token)).ToList();
                await Task.Delay(TimeSpan.FromMilliseconds(800 + Random.Shared.Next(700)));
                api.Kill();
                await Task.WhenAll(load);
            }

            using (var api = await ApiProcess.StartAsync(database, ApiProcess.FreePort()))
            using (var client = api.Client())
            {
                foreach (var writer in writers) await writer.RetryUnansweredAsync(client);
                await AssertNothingAcknowledgedLostAsync(client, writers);
                foreach (var writer in writers) await writer.AssertKeysReplayTheirIdsAsync(client);
                await AssertOneFeedEntryPerChangeAsync(client, writers);
            }

            var organisations = writers.SelectMany(writer => writer.Organisations).ToList();
            TestContext.Out.WriteLine($"{organisations.Count} organisations, {organisations.Sum(o => o.Version - 1)} patches; retried "
                + $"{writers.Sum(w => w.RetriedCreates)} creates ({writers.Sum(w => w.CreatesFoundCommitted)} replayed: committed before the kill) "
                + $"and {writers.Sum(w => w.RetriedPatches)} patches ({writers.Sum(w => w.PatchesFoundCommitted)} committed before the kill).");
            Assert.That(organisations, Has.Count.GreaterThan(Cycles * Writers), "the load wrote something before each kill");
            Assert.That(organisations.Sum(organisation => organisation.Version - 1), Is.GreaterThan(0), "the load patched something");
            Assert.That(RowsNamed($"Crashtest {run} %", database), Is.EqualTo(organisations.Count),
                "one row per idempotency key, acknowledged or retried");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertNothingAcknowledgedLostAsync(HttpClient client, IEnumerable<Writer> writers)
    {
        foreach (var organisation in writers.SelectMany(writer => writer.Organisations))
        {
            var stored = await client.GetFromJsonAsync<JsonObject>($"/api/organisations/{organisation.Id}");
            Assert.That((string?)stored!["name"], Is.EqualTo(organisation.Name));
            Assert.That((int)stored["version"]!, Is.EqualTo(organisation.Version), $"{organisation.Name}: the acknowledged version, never an older one");
            Assert.That((string?)stored["notes"], Is.EqualTo(organisation.Notes), $"{organisation.Name}: the acknowledged notes");
        }
    }

    private static async Task AssertOneFeedEntryPerChangeAsync(HttpClient client, IEnumerable<Writer> writers)
    {
        var versions = new Dictionary<Guid, List<int>>();
        var cursor = "";
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonObject>($"/api/changes?limit=1000{(cursor == "" ? "" : $"&after={cursor}")}");
            foreach (var entry in page!["items"]!.AsArray())
            {
                var id = Guid.Parse((string)entry!["entityId"]!);
                if (!versions.TryGetValue(id, out var list)) versions[id] = list = new List<int>();
                list.Add((int)entry["version"]!);
            }
            var next = (string)page["nextCursor"]!;
            if (next == cursor) break;
            cursor = next;
        }
        foreach (var organisation in writers.SelectMany(writer => writer.Organisations))
        {
            Assert.That(versions.GetValueOrDefault(organisation.Id), Is.EqualTo(Enumerable.Range(1, organisation.Version)),
                $"{organisation.Name}: one feed entry per change, in order");
        }
    }

    private static long RowsNamed(string pattern, string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM organisations WHERE name LIKE $pattern;";
        count.Parameters.AddWithValue("$pattern", pattern);
        return (long)count.ExecuteScalar()!;
    }

    /// <summary>An organisation as its writer knows it: what the API acknowledged.</summary>
    private sealed record Organisation(string Key, string Name, Guid Id)
    {
        public int Version { get; set; } = 1;
        public string? Notes { get; set; }

        /// <summary>The answer was a replay: the create had been committed before.</summary>
        public bool Replayed { get; init; }
    }

    /// <summary>
    /// One client of the API: creates organisations and patches its own, one request at a time. The first request without
    /// an answer (the kill) ends its turn; it retries that request after the restart.
    /// </summary>
    private sealed class Writer(string prefix, Random random)
    {
        private (string Key, string Name)? unansweredCreate;
        private (Organisation Organisation, string Notes)? unansweredPatch;
        private int sequence;

        public int RetriedCreates { get; private set; }
        public int CreatesFoundCommitted { get; private set; }
        public int RetriedPatches { get; private set; }
        public int PatchesFoundCommitted { get; private set; }

        public List<Organisation> Organisations { get; } = new();

        public async Task WriteUntilFailureAsync(HttpClient client, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                if (Organisations.Count < 3 || random.Next(2) == 0)
                {
                    var create = (Key: Guid.NewGuid().ToString(), Name: $"{prefix}-{sequence++}");
                    unansweredCreate = create;
                    if (await CreateAsync(client, create.Key, create.Name) is not { } created) return;
                    Organisations.Add(created);
                    unansweredCreate = null;
                }
                else
                {
                    var organisation = Organisations[random.Next(Organisations.Count)];
                    var notes = $"patch {sequence++}";
                    unansweredPatch = (organisation, notes);
                    if (await PatchAsync(client, organisation, notes) is not { } status) return;
                    Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"{organisation.Name}: only its writer patches it");
                    unansweredPatch = null;
                }
            }
        }

        public async Task RetryUnansweredAsync(HttpClient client)
        {
            if (unansweredCreate is { } create)
            {
                var created = await CreateAsync(client, create.Key, create.Name) ?? throw new AssertionException("The retried create got no answer.");
                Organisations.Add(created);
                RetriedCreates++;
                if (created.Replayed) CreatesFoundCommitted++;
                unansweredCreate = null;
            }
            if (unansweredPatch is { } patch)
            {
                var status = await PatchAsync(client, patch.Organisation, patch.Notes);
                RetriedPatches++;
                if (status == HttpStatusCode.PreconditionFailed)
                {
                    // Committed before the kill, never answered: the stored version is the one after that patch.
                    patch.Organisation.Version++;
                    patch.Organisation.Notes = patch.Notes;
                    PatchesFoundCommitted++;
                }
                else Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"{patch.Organisation.Name}: the retried patch");
                unansweredPatch = null;
            }
        }

        public async Task AssertKeysReplayTheirIdsAsync(HttpClient client)
        {
            foreach (var organisation in Organisations)
            {
                var replayed = await CreateAsync(client, organisation.Key, organisation.Name);
                Assert.That(replayed?.Id, Is.EqualTo(organisation.Id), $"{organisation.Name}: its Idempotency-Key keeps its one id");
            }
        }

        /// <summary>The organisation created (or replayed) under <paramref name="key"/>; null when no answer came.</summary>
        private static async Task<Organisation?> CreateAsync(HttpClient client, string key, string name)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organisations")
            {
                Content = JsonContent.Create(new { name, kind = "company" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await SendAsync(client, request);
            if (response is null) return null;
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            return new Organisation(key, name, Guid.Parse((string)body["id"]!))
            {
                Version = (int)body["version"]!,
                Replayed = response.Headers.Contains("Idempotent-Replayed"),
            };
        }

        /// <summary>The patch's status, the organisation updated when it is 200; null when no answer came.</summary>
        private static async Task<HttpStatusCode?> PatchAsync(HttpClient client, Organisation organisation, string notes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/organisations/{organisation.Id}")
            {
                Content = new StringContent(new JsonObject { ["notes"] = notes }.ToJsonString(), MediaTypeHeaderValue.Parse(Requests.MergePatch)),
            };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{organisation.Version}\""));
            using var response = await SendAsync(client, request);
            if (response is null) return null;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                Assert.That((int)body["version"]!, Is.EqualTo(organisation.Version + 1));
                organisation.Version++;
                organisation.Notes = notes;
            }
            return response.StatusCode;
        }

        private static async Task<HttpResponseMessage?> SendAsync(HttpClient client, HttpRequestMessage request)
        {
            try
            {
                return await client.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }
    }
}
