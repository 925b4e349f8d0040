using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace StakeholderCrm.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/StakeholderCrm.Benchmarks -- --register-import [--entries 20000]</c>: writes a
/// register file of that many entries (each with the elements the import skips, about as long as the real register's),
/// starts the API as shipped on an empty database, posts the file twice (import, then the idempotent re-import) and
/// reports each time and the API's peak resident memory (VmHWM). Issue 20's target: under 30 s and 300 MB.
/// </summary>
public static class RegisterImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var entries = int.Parse(BenchmarkProgram.Arg(args, "--entries") ?? "20000", CultureInfo.InvariantCulture);
        var root = BenchmarkProgram.FindRoot();
        var apiDll = Path.GetFullPath(BenchmarkProgram.Arg(args, "--api-dll") ?? BenchmarkProgram.BuiltDll(root, "src/StakeholderCrm.Api", "StakeholderCrm.Api.dll"));
        var folder = Path.Combine(root, "bench-data", "register");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"register-{entries}.xml");
        await WriteFileAsync(file, entries);
        Console.WriteLine($"Register file: {entries} entries, {new FileInfo(file).Length / 1_048_576.0:0.0} MB.");

        var api = BenchmarkProgram.Start("dotnet", $"{apiDll} --urls {BenchmarkProgram.ApiUrl}", Path.GetDirectoryName(apiDll)!, new()
        {
            ["ConnectionStrings__Crm"] = $"Data Source={Path.Combine(folder, "register.db")}", ["Auth__BootstrapAdminKey"] = BenchmarkProgram.Key,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        try
        {
            await BenchmarkProgram.WaitAsync($"{BenchmarkProgram.ApiUrl}/health/ready");
            var idle = BenchmarkProgram.PeakRssBytes(api.Id);
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            client.DefaultRequestHeaders.Add("X-Api-Key", BenchmarkProgram.Key);
            var first = await ImportAsync(client, file);
            var again = await ImportAsync(client, file);
            var peak = BenchmarkProgram.PeakRssBytes(api.Id);
            Console.WriteLine($"""

                | Register import ({entries} entries, {new FileInfo(file).Length / 1_048_576.0:0} MB) | Time | Answer |
                |---|---:|---|
                | First import | {first.Seconds:0.0} s | {first.Answer} |
                | Same file again | {again.Seconds:0.0} s | {again.Answer} |

                API peak resident memory: {peak / 1_048_576.0:0} MB (after start-up, before the imports: {idle / 1_048_576.0:0} MB).
                Target: under 30 s and under 300 MB.
                """);
            return first.Seconds < 30 && peak < 300L * 1_048_576 ? 0 : 1;
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
    }

    private static async Task<(double Seconds, string Answer)> ImportAsync(HttpClient client, string file)
    {
        await using var stream = File.OpenRead(file);
        using var content = new StreamContent(stream, 81_920);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync($"{BenchmarkProgram.ApiUrl}/api/transparency-register/imports", content);
        var answer = await response.Content.ReadAsStringAsync();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {answer}");
        return (seconds, answer);
    }

    /// <summary>Made-up entries; the skipped elements (goals, interests, financial data) make up most of a real entry.</summary>
    private static async Task WriteFileAsync(string path, int entries)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListOfIRPublicDetail date=\"2026-01-01\">\n<resultList>");
        var filler = string.Concat(Enumerable.Repeat("Made-up text the import skips without reading it into memory. ", 60));
        for (var n = 0; n < entries; n++)
        {
            await writer.WriteAsync($"""
                <interestRepresentative>
                  <identificationCode>{n + 1:000000000000}-{n % 100:00}</identificationCode>
                  <registrationDate>2015-01-01T10:00:00.000+01:00</registrationDate>
                  <registrationCategory>Companies &amp; groups</registrationCategory>
                  <name><originalName>Generated Interest Representative {n} Österreich Société</originalName></name>
                  <acronym>GIR{n}</acronym>
                  <headOffice><address>{n} Example Street</address><postCode>1000</postCode><city>Brussels</city><country>BELGIUM</country></headOffice>
                  <webSiteURL>https://example.org/{n}</webSiteURL>
                  <goals>{filler}</goals>
                  <interests><interest><name>Digital economy</name></interest><interest><name>Justice and fundamental rights</name></interest></interests>
                  <financialData><closedYear><totalBudget>{n * 10}</totalBudget></closedYear><fundingSources>{filler}</fundingSources></financialData>
                </interestRepresentative>

                """);
        }
        await writer.WriteLineAsync("</resultList>\n</ListOfIRPublicDetail>");
    }
}
