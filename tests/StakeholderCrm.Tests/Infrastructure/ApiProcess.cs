using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>The API as shipped, a process of its own on a SQLite file: what an operator starts, stops and kills.</summary>
public sealed class ApiProcess : IDisposable
{
    public const string AdminKey = "process-test-admin-key";

    private readonly Process process;
    private readonly StringBuilder output = new();

    private ApiProcess(string database, int? port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StakeholderCrm.Api.dll"));
        if (port is { } p)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{p}");
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Crm"] = $"Data Source={database}";
        start.Environment["Auth__BootstrapAdminKey"] = AdminKey;
        start.Environment["RateLimit__PermitsPerSecond"] = "1000000";
        start.Environment["RateLimit__Burst"] = "1000000";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Port = port;
    }

    public int? Port { get; }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Starts the API on <paramref name="database"/> and waits for it to end, as a start that fails does.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string database, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        using var api = new ApiProcess(database, port: null, settings);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await api.process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            api.process.Kill(entireProcessTree: true);
            Assert.Fail($"The API did not exit within {timeout.TotalSeconds} s. Its output:\n{api.Output}");
        }
        api.process.WaitForExit(); // the output read to its end
        return (api.process.ExitCode, api.Output);
    }

    /// <summary>Starts the API on 127.0.0.1 and a free port, and waits until it answers.</summary>
    public static async Task<ApiProcess> StartAsync(string database, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var api = new ApiProcess(database, port, settings);
        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (api.process.HasExited) break;
            try
            {
                if ((await client.GetAsync("/health/live")).IsSuccessStatusCode) return api;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        api.Dispose();
        throw new InvalidOperationException($"The API did not start. Its output:\n{api.Output}");
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no checkpoint; whatever was not durable is gone.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }

    /// <summary>The dotnet host running these tests (the test host runs under it), so that the API runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
