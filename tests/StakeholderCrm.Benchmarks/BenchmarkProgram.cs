using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StakeholderCrm.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/StakeholderCrm.Benchmarks -- --size small|large|both [--duration 15] [--warm-up 10] [--smoke]
/// [--api-dll path/to/StakeholderCrm.Api.dll]</c>: generates data, starts the API as shipped (its own appsettings.json,
/// only rate limits lifted) and the stock baseline (tests/StakeholderCrm.Baseline) as their own processes on one core,
/// drives them with wrk from the other at 16 and 32 connections, and writes JSON and a Markdown table with the targets.
/// <c>--register-ids</c> uses a dataset whose interest representatives are in an imported Transparency Register (<see cref="DataGenerator"/>).
/// <c>-- --register-import [--entries 20000]</c> measures the Transparency Register import instead (<see cref="RegisterImportBenchmark"/>).
/// </summary>
public static class BenchmarkProgram
{
    internal const string ApiUrl = "http://127.0.0.1:5211";
    private const string BaselineUrl = "http://127.0.0.1:5212";
    internal const string Key = "benchmark-admin-key-0123456789abcdef";
    private static readonly int[] ApiConnections = [16, 32];

    /// <summary>The baseline is the yardstick at saturation: throughput and p99 are compared at this many connections.</summary>
    private const int Compared = 32;

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--register-import")) return await RegisterImportBenchmark.RunAsync(args);
        var smoke = args.Contains("--smoke");
        var duration = int.Parse(Arg(args, "--duration") ?? (smoke ? "5" : "15"), CultureInfo.InvariantCulture);
        var warmUp = int.Parse(Arg(args, "--warm-up") ?? (smoke ? "1" : "10"), CultureInfo.InvariantCulture);
        var sizes = (Arg(args, "--size") ?? "small") switch { "both" => new[] { DataSize.Small, DataSize.Large }, var one => [DataSize.Parse(one)] };
        var root = FindRoot();
        // --only "by id,briefing": the scenarios whose name contains any of the texts.
        var only = Arg(args, "--only")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var registered = args.Contains("--register-ids");
        var apiDll = Path.GetFullPath(Arg(args, "--api-dll") ?? BuiltDll(root, "src/StakeholderCrm.Api", "StakeholderCrm.Api.dll"));
        if (!File.Exists(apiDll)) throw new FileNotFoundException($"No API build at {apiDll}.");
        var output = Path.Combine(root, "bench-results");
        Directory.CreateDirectory(output);
        EnsureWrk();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];

        var results = new List<Result>();
        var memory = new Dictionary<string, long>();
        foreach (var size in sizes)
        {
            var generated = Path.Combine(root, "bench-data", registered ? $"{size.Name}-registered.db" : $"{size.Name}.db");
            if (!File.Exists(generated) || args.Contains("--regenerate")) await new DataGenerator(size, generated, registered).RunAsync();
            var database = WorkingCopy(generated);
            await ReadIntoPageCacheAsync(database);
            // Its own folder is its content root, so the API reads the appsettings.json it ships with.
            var api = Start("dotnet", $"{apiDll} --urls {ApiUrl}", Path.GetDirectoryName(apiDll)!, new()
            {
                ["ConnectionStrings__Crm"] = $"Data Source={database}", ["Auth__BootstrapAdminKey"] = Key,
                ["RateLimit__PermitsPerSecond"] = "10000000", ["RateLimit__Burst"] = "10000000", ["ASPNETCORE_ENVIRONMENT"] = "Production",
                // The sink of the subscribed scenario listens on 127.0.0.1 over http; no other scenario has a subscription.
                ["Webhooks__AllowHttp"] = "true", ["Webhooks__AllowedHosts__0"] = "127.0.0.1",
            });
            var baselineDll = BuiltDll(root, "tests/StakeholderCrm.Baseline", "StakeholderCrm.Baseline.dll");
            var baseline = Start("dotnet", $"{baselineDll} --urls {BaselineUrl}", Path.GetDirectoryName(baselineDll)!, new()
            {
                ["ConnectionStrings__Crm"] = $"Data Source={database}", ["ASPNETCORE_ENVIRONMENT"] = "Production",
            });
            try
            {
                await WaitAsync($"{ApiUrl}/health/ready");
                await WaitAsync($"{BaselineUrl}/baseline/changes");
                // A fresh process compiles its hot code to the final tier (with dynamic PGO) over its first ~15 s under
                // load on one core, longer than one scenario's warm-up: each server first serves reads by id that long, uncounted.
                var first = Scenarios().First();
                RunWrk(2 * warmUp, first, ApiUrl + first.Path, Compared);
                RunWrk(2 * warmUp, first, BaselineUrl + first.BaselinePath, Compared);
                await WaitIdleAsync(api.Id, baseline.Id);
                foreach (var scenario in Scenarios().Where(s => only is null || only.Any(o => s.Name.Contains(o, StringComparison.OrdinalIgnoreCase))))
                {
                    await using var sink = scenario.Subscribed ? await WebhookSink.SubscribeAsync() : null;
                    // Warmed up once per server and scenario; the next connection count finds it warm.
                    foreach (var connections in ApiConnections)
                    {
                        results.Add(Wrk(scenario, size, "api", ApiUrl + scenario.Path, connections == ApiConnections[0] ? warmUp : 0, duration, connections,
                            scenario, api.Id));
                        await WaitIdleAsync(api.Id, baseline.Id);
                    }
                    if (scenario.BaselinePath is not { } path) continue;
                    results.Add(Wrk(scenario, size, "baseline", BaselineUrl + path, warmUp, duration, Compared, scenario with { Method = "GET", Body = null },
                        baseline.Id));
                    await WaitIdleAsync(api.Id, baseline.Id);
                }
                memory[size.Name] = PeakRssBytes(api.Id);
            }
            finally
            {
                api.Kill(entireProcessTree: true);
                baseline.Kill(entireProcessTree: true);
            }
        }

        var markdown = BenchmarkReport.Markdown(results, memory, apiDll, load);
        await File.WriteAllTextAsync(Path.Combine(output, "results.json"),
            JsonSerializer.Serialize(new { apiDll, results, memory }, new JsonSerializerOptions { WriteIndented = true }));
        await File.WriteAllTextAsync(Path.Combine(output, "results.md"), markdown);
        Console.WriteLine(markdown);
        var failures = results.Where(r => r.Errors > 0 || r.Requests == 0).ToList();
        foreach (var failure in failures) Console.Error.WriteLine($"scenario {failure.Scenario} ({failure.Target}, {failure.Size}, "
            + $"{failure.Connections} connections) had {failure.Errors} errors in {failure.Requests} requests");
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary><paramref name="PaceMs"/>: each connection waits this long between requests, to offer a steady rate instead of all it can.</summary>
    public sealed record Scenario(string Name, string Method, string Path, string? BaselinePath, string? Body, string ContentType, bool Write,
        bool IdempotencyKey = false, bool IfMatch = false, int PaceMs = 0, bool Subscribed = false);

    /// <summary><paramref name="CpuMsPerRequest"/>: the server's CPU time (user and system) over the measured run, per request; unlike
    /// throughput, it hardly moves when other processes share the core.</summary>
    public sealed record Result(string Scenario, string Target, string Size, int Connections, double RequestsPerSecond, double P50Ms, double P95Ms,
        double P99Ms, long Errors, long Requests, bool Write, double CpuMsPerRequest);

    private static IEnumerable<Scenario> Scenarios()
    {
        var tiktok = DataGenerator.OrganisationId(0);
        var body = $$"""
            {"title":"Benchmark meeting","kind":"meeting","status":"held","startsAt":"2021-06-28T10:00:00+02:00",
            "organisationIds":["{{DataGenerator.OrganisationId(2)}}"],"participants":[{"contactId":"{{DataGenerator.ContactId(2)}}","side":"external"}],
            "keyPoints":[{"section":"keyPoint","text":"Benchmark key point about transparency."}]}
            """;
        yield return new("organisation by id", "GET", $"/api/organisations/{tiktok}", $"/baseline/organisations/{tiktok}", null, "", false);
        // Issue 20: an engagement's organisations carry interestRepresentative and registeredThatDay; the engagement its publication duty.
        yield return new("engagement by id", "GET", $"/api/engagements/{DataGenerator.EngagementId(0)}", null, null, "", false);
        yield return new("50 newest engagements of an organisation", "GET", $"/api/engagements?organisationId={tiktok}&limit=50",
            $"/baseline/engagements?organisationId={tiktok}", null, "", false);
        yield return new("engagements by a key-point word", "GET", $"/api/engagements?q={DataGenerator.FrequentWord}&limit=50",
            $"/baseline/engagements?q={DataGenerator.FrequentWord}", null, "", false);
        yield return new("overdue commitments", "GET", "/api/commitments?overdue=true&limit=50", "/baseline/commitments", null, "", false);
        yield return new("organisation briefing", "GET", $"/api/organisations/{tiktok}/briefing", $"/baseline/organisations/{tiktok}/briefing", null, "",
            false);
        yield return new("change feed, 500 per page", "GET", "/api/changes?after=0&limit=500", "/baseline/changes", null, "", false);
        yield return new("publications, first page", "GET", "/api/publications?limit=50", null, null, "", false);
        yield return new("create engagement with Idempotency-Key", "POST", "/api/engagements", null, body, "application/json", true, IdempotencyKey: true);
        // Below saturation: each connection pauses 19 ms between requests (about 1 000 creates a second offered once a
        // create waits for its batch's commit), for the latency of a busy but not overloaded writer.
        yield return new("create engagement, 19 ms pause per connection", "POST", "/api/engagements", null, body, "application/json", true,
            IdempotencyKey: true, PaceMs: 19);
        yield return new("patch organisation with If-Match", "PATCH", $"/api/organisations/{DataGenerator.OrganisationId(3)}", null,
            $$"""{"notes":"benchmark {{Guid.NewGuid():N}} %d"}""", "application/merge-patch+json", true, IfMatch: true);
        // The same creates with one receiver subscribed to every event: what the outbox's fan-out and delivery cost them.
        yield return new("create engagement, one webhook subscription", "POST", "/api/engagements", null, body, "application/json", true,
            IdempotencyKey: true, Subscribed: true);
    }

    /// <summary>wrk runs on core 1 when there are two or more, away from the servers on core 0.</summary>
    private static string Pin => Environment.ProcessorCount >= 2 ? "taskset -c 1 " : "";

    /// <summary>
    /// A warm-up run first, not counted: the JIT compiles the scenario's path at its final tier and pools and files
    /// reach their working size, so the figures are the steady state a long-running server shows.
    /// </summary>
    private static Result Wrk(Scenario scenario, DataSize size, string target, string url, int warmUp, int duration, int connections, Scenario request,
        int server)
    {
        if (warmUp > 0) RunWrk(warmUp, request, url, connections);
        var ticks = CpuTicks(server);
        var output = RunWrk(duration, request, url, connections);
        ticks = CpuTicks(server) - ticks;
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{')) ?? throw new InvalidOperationException($"wrk gave no result:\n{output}");
        var json = JsonDocument.Parse(line).RootElement;
        var seconds = json.GetProperty("duration_us").GetDouble() / 1_000_000;
        var requests = json.GetProperty("requests").GetInt64();
        var cpuMs = Math.Round(ticks * 10.0 / Math.Max(1, requests), 3);
        Console.WriteLine($"{size.Name,-5} {target,-8} {connections,2}c {scenario.Name,-46} {requests / seconds,8:N0} req/s  p99 "
            + $"{json.GetProperty("p99").GetDouble():N1} ms  CPU {cpuMs:N3} ms/req  errors {json.GetProperty("errors").GetInt64()}");
        return new Result(scenario.Name, target, size.Name, connections, Math.Round(requests / seconds, 1), json.GetProperty("p50").GetDouble(),
            json.GetProperty("p95").GetDouble(),
            json.GetProperty("p99").GetDouble(), json.GetProperty("errors").GetInt64(), requests, scenario.Write, cpuMs);
    }

    /// <summary>
    /// Each run gets its own script and so its own Idempotency-Keys: a measured run that reused its warm-up's keys
    /// would be answered from the stored responses, and count replays as creates.
    /// </summary>
    private static string RunWrk(int seconds, Scenario request, string url, int connections)
    {
        var script = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.lua");
        File.WriteAllText(script, Lua(request));
        try
        {
            return RunToEnd("bash", $"-c \"{Pin}wrk -t1 -c{connections} -d{seconds}s --timeout 5s -s {script} '{url}'\"");
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Lua(Scenario s)
    {
        // A body with %d gets each request's number, so that every patch changes the record: one that changes nothing
        // writes nothing, and would measure a read.
        var body = s.Body is null ? "nil" : s.Body.Contains("%d", StringComparison.Ordinal) ? $"string.format([==[{s.Body}]==], counter)" : $"[==[{s.Body}]==]";
        return $$"""
            local counter = 0
            local headers = { ["X-Api-Key"] = "{{Key}}" }
            {{(s.ContentType.Length > 0 ? $"headers[\"Content-Type\"] = \"{s.ContentType}\"" : "")}}
            {{(s.IfMatch ? "headers[\"If-Match\"] = \"*\"" : "")}}
            {{(s.PaceMs > 0 ? $"delay = function() return {s.PaceMs} end" : "")}}
            request = function()
              counter = counter + 1
              {{(s.IdempotencyKey ? $"headers[\"Idempotency-Key\"] = string.format(\"bench-{Guid.NewGuid():N}-%d\", counter)" : "")}}
              return wrk.format("{{s.Method}}", nil, headers, {{body}})
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format('{"requests":%d,"duration_us":%d,"errors":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f}\n',
                summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout + e.status,
                latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
            end
            """;
    }

    internal static Process Start(string file, string arguments, string folder, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(Environment.ProcessorCount >= 2 ? "taskset" : file,
            Environment.ProcessorCount >= 2 ? $"-c 0 {file} {arguments}" : arguments)
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // Pinned to one core, the runtime waits ten times longer (1 s) before it compiles hot methods at full
        // optimisation, for as long as new methods keep appearing: both servers took 30 s to reach their steady state.
        // The Dockerfile sets the same for one-core containers.
        info.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The write scenarios add rows: each run starts from a fresh copy, so every run measures the same data.</summary>
    private static string WorkingCopy(string generated)
    {
        var copy = Path.ChangeExtension(generated, ".run.db");
        foreach (var stale in new[] { copy, copy + "-wal", copy + "-shm" }) File.Delete(stale);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={generated};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        var clock = Stopwatch.StartNew();
        File.Copy(generated, copy);
        // Only the copy is served: the original's cached pages (10 GB at the large size, on a 24 GB machine) are dropped,
        // leaving that memory to the copy and the servers.
        RunToEnd("dd", $"if={generated} iflag=nocache count=0 status=none");
        Console.WriteLine($"copied {Path.GetFileName(generated)} to {Path.GetFileName(copy)} in {clock.Elapsed.TotalSeconds:N0} s");
        return copy;
    }

    /// <summary>
    /// Reads the database file once, as a long-running server would have, so neither server starts on a cold disk
    /// (at the large size the first requests otherwise measure the disk, not the code).
    /// </summary>
    private static async Task ReadIntoPageCacheAsync(string database)
    {
        var clock = Stopwatch.StartNew();
        await using var file = new FileStream(database, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        while (await file.ReadAsync(buffer) > 0)
        {
        }
        Console.WriteLine($"read {file.Length / 1024 / 1024:N0} MB of {Path.GetFileName(database)} into the page cache in {clock.Elapsed.TotalSeconds:N0} s");
    }

    internal static async Task WaitAsync(string url)
    {
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await client.GetAsync(url)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"{url} did not answer.");
    }

    /// <summary>
    /// Requests wrk gave up on keep running in the server; the next scenario starts only once the disk has the
    /// writes and both servers have used under a tenth of a core for half a second, so neither abandoned work nor
    /// pending writes are counted against it.
    /// </summary>
    private static async Task WaitIdleAsync(params int[] pids)
    {
        var waited = Stopwatch.StartNew();
        // A write scenario leaves the OS writing back pages; the next scenario should not pay for that.
        RunToEnd("sync", "");
        var before = pids.Sum(CpuTicks);
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(500);
            var now = pids.Sum(CpuTicks);
            if (now - before < 5) break;
            before = now;
        }
        if (waited.Elapsed > TimeSpan.FromSeconds(2)) Console.WriteLine($"waited {waited.Elapsed.TotalSeconds:N0} s for the servers to go idle");
    }

    /// <summary>User plus system CPU time of a process in clock ticks (1/100 s), from /proc/[pid]/stat.</summary>
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>The process's high-water resident set (VmHWM), covering the whole run.</summary>
    internal static long PeakRssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }

    private static void EnsureWrk()
    {
        if (RunToEnd("bash", "-c \"command -v wrk || true\"").Trim().Length > 0) return;
        Console.WriteLine("wrk is missing: installing it with apt-get.");
        RunToEnd("bash", "-c \"(apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk) >/dev/null 2>&1\"");
    }

    private static string RunToEnd(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    /// <summary>A project's build output in the configuration this harness was built in.</summary>
    internal static string BuiltDll(string root, string project, string dll)
    {
        var configuration = typeof(BenchmarkProgram).Assembly.Location.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(root, project, "bin", configuration, "net10.0", dll);
    }

    internal static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "StakeholderCrm.sln"))) return folder.FullName;
        }
        return Directory.GetCurrentDirectory();
    }

    internal static string? Arg(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
