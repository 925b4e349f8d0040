using System.Globalization;
using System.Text;
using Result = StakeholderCrm.Benchmarks.BenchmarkProgram.Result;

namespace StakeholderCrm.Benchmarks;

/// <summary>
/// The results against issue 18's targets: every read at least 0.9× the stock baseline's throughput, p99 under 25 ms at
/// 16 connections and at most 1.25× the baseline's at 32; creates at least 2 000 a second with p99 under 50 ms; peak
/// RSS under 300 MB; and, from before, large ÷ small p50 at most 2.
/// </summary>
public static class BenchmarkReport
{
    private const string Create = "create engagement with Idempotency-Key";

    public static string Markdown(IReadOnlyList<Result> results, IReadOnlyDictionary<string, long> memory, string apiDll, string[] load)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; "
                + $"load average {string.Join(" ", load)} before the run.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"API: {apiDll}, with its appsettings.json (rate limits lifted); both servers pinned to core 0, wrk to core 1.");
        text.AppendLine();
        text.AppendLine("Reads. Throughput at 32 connections; the baseline runs at 32 only.");
        text.AppendLine();
        text.AppendLine("| size | scenario | API req/s | baseline req/s | API ÷ baseline | p50 / p99 ms, 16 | p50 / p99 ms, 32 "
            + "| baseline p99 ms, 32 | errors | ≥ 0.9× | p99 < 25 ms at 16 | p99 ≤ 1.25× baseline at 32 |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|:-:|:-:|:-:|");
        foreach (var group in results.Where(r => r.Target == "api" && !r.Write).GroupBy(r => (r.Size, r.Scenario)))
        {
            var at16 = group.FirstOrDefault(r => r.Connections == 16);
            var at32 = group.FirstOrDefault(r => r.Connections == 32);
            var baseline = results.FirstOrDefault(r => r.Target == "baseline" && r.Size == group.Key.Size && r.Scenario == group.Key.Scenario);
            var ratio = at32 is null || baseline is null || baseline.RequestsPerSecond == 0 ? (double?)null
                : at32.RequestsPerSecond / baseline.RequestsPerSecond;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key.Size} | {group.Key.Scenario} | {Rate(at32)} | {Rate(baseline)} | {Number(ratio)} | {Latency(at16)} | {Latency(at32)} | "
                + $"{Figure(baseline?.P99Ms)} | {group.Sum(r => r.Errors)} "
                + $"| {Pass(ratio >= 0.9)} | {Pass(at16 is { P99Ms: > 0 and < 25 })} | "
                + $"{Pass(at32 is { P99Ms: > 0 } && baseline is { P99Ms: > 0 } ? at32.P99Ms <= 1.25 * baseline.P99Ms : null)} |");
        }

        var small = results.Where(r => r.Target == "api" && r.Size == "small" && !r.Write && r.Connections == 32).ToDictionary(r => r.Scenario);
        var large = results.Where(r => r.Target == "api" && r.Size == "large" && !r.Write && r.Connections == 32).ToList();
        if (large.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("| read scenario | large ÷ small p50 at 32 | ≤ 2 |");
            text.AppendLine("|---|---:|:-:|");
            foreach (var l in large)
            {
                var ratio = small.TryGetValue(l.Scenario, out var s) && s.P50Ms > 0 && l.P50Ms > 0 ? l.P50Ms / s.P50Ms : (double?)null;
                text.AppendLine(CultureInfo.InvariantCulture, $"| {l.Scenario} | {Number(ratio)} | {Pass(ratio <= 2)} |");
            }
        }

        text.AppendLine();
        text.AppendLine("| size | write scenario | connections | req/s | p50 ms | p99 ms | errors | ≥ 2 000/s, p99 < 50 ms |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|:-:|");
        foreach (var write in results.Where(r => r.Write))
        {
            var target = write.Scenario == Create ? Pass(write.RequestsPerSecond >= 2000 && write.P99Ms is > 0 and < 50) : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {write.Size} | {write.Scenario} | {write.Connections} | {Rate(write)} | {Figure(write.P50Ms)} | {Figure(write.P99Ms)} | {write.Errors} | "
                + $"{target} |");
        }

        text.AppendLine();
        text.AppendLine("| size | API peak RSS | < 300 MB |");
        text.AppendLine("|---|---:|:-:|");
        foreach (var (size, bytes) in memory) text.AppendLine(CultureInfo.InvariantCulture,
            $"| {size} | {bytes / 1024 / 1024} MB | {Pass(bytes < 300L * 1024 * 1024)} |");
        return text.ToString();
    }

    private static string Pass(bool? met) => met switch { true => "pass", false => "**fail**", null => "—" };

    private static string Rate(Result? result) => result is null ? "—" : result.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture);

    private static string Latency(Result? result) => result is null ? "—" : $"{Figure(result.P50Ms)} / {Figure(result.P99Ms)}";

    // wrk records no latency for requests that timed out, so a zero means "none completed", not "instant".
    private static string Figure(double? ms) => ms > 0 ? ms.Value.ToString("N2", CultureInfo.InvariantCulture) : "—";

    private static string Number(double? value) => value?.ToString("N2", CultureInfo.InvariantCulture) ?? "—";
}
