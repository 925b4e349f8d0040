using System.Diagnostics;
using System.Net.Sockets;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Webhooks;

/// <summary>
/// The API as a process of its own on SQLite, killed after its commands committed and before any delivery could succeed
/// (the receiver is down), then started again: every event arrives.
/// </summary>
public sealed class WebhookRestartTests
{
    private const string AdminKey = "restart-test-admin-key";

    [Test]
    public async Task Events_committed_before_the_process_is_killed_are_delivered_after_a_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "stakeholdercrm-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Down = true;
        var port = FreePort();
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        api.DefaultRequestHeaders.Add(ApiKeySecrets.Header, AdminKey);
        var created = new List<string>();
        try
        {
            using (var first = await StartAsync(folder, port, api))
            {
                try
                {
                    await api.CreateAsync("/api/webhooks", new { url = receiver.Url(), eventTypes = new[] { "organisation.created" } });
                    for (var i = 1; i <= 20; i++) created.Add((await api.CreateOrganisationAsync($"Organisation {i}")).Id());
                }
                finally
                {
                    first.Kill(entireProcessTree: true);
                    await first.WaitForExitAsync();
                }
            }

            var beforeRestart = receiver.Received.Count;
            receiver.Down = false;
            using var second = await StartAsync(folder, port, api);
            try
            {
                await receiver.WaitForAsync(r => r.Skip(beforeRestart).Select(w => w.EntityId).Distinct().Count() >= 20, "every event after the restart", 60);
                Assert.That(receiver.Received.Skip(beforeRestart).Select(w => w.EntityId).Distinct(), Is.EquivalentTo(created));
            }
            finally
            {
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<Process> StartAsync(string folder, int port, HttpClient api)
    {
        var binaries = AppContext.BaseDirectory;
        // dotnet test names the host it runs under; the same one runs the API.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host, $"\"{Path.Combine(binaries, "StakeholderCrm.Api.dll")}\"")
        {
            WorkingDirectory = binaries, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Crm"] = $"Data Source={Path.Combine(folder, "crm.db")}",
            ["Auth__BootstrapAdminKey"] = AdminKey,
            ["Webhooks__AllowHttp"] = "true",
            ["Webhooks__AllowedHosts__0"] = "127.0.0.1",
            ["Webhooks__PollInterval"] = "00:00:00.100",
            ["Webhooks__RetryDelays__0"] = "00:00:00",
            ["Webhooks__RetryDelays__1"] = "00:00:00.200",
            // Deliveries in flight when the process is killed wait for their lease, twice this and 5 s, to expire.
            ["Webhooks__Timeout"] = "00:00:01",
            // The secret must be readable by the second process.
            ["Webhooks__KeysFolder"] = Path.Combine(folder, "keys"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in settings) start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await api.GetAsync("/health/ready")).IsSuccessStatusCode) return process;
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                Assert.Fail("The API process did not start.");
            }
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
