using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StakeholderCrm.Tests.Features.Webhooks;

/// <summary>One request a receiver got: its path, the three Standard Webhooks headers, the body and when it came.</summary>
public sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string Body, TimeSpan At)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    public string Type => (string)Json["type"]!;
    public string? EntityId => (string?)Json["data"]?["id"];
}

/// <summary>
/// A real receiver: Kestrel on 127.0.0.1 on a free port, in the test process. It records every request and answers
/// what the test scripts for it (200 unless told otherwise), with any headers the script adds.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> script = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public string Url(string path = "hook") => $"{app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()}/{path}";

    public IReadOnlyList<ReceivedWebhook> Received => received.ToList();

    /// <summary>While true, every request is answered 503, as by a receiver that is down.</summary>
    public bool Down { get; set; }

    /// <summary>The next requests are answered these statuses, in order; then 200 again.</summary>
    public void Answer(params (int Status, string? RetryAfter)[] answers)
    {
        foreach (var answer in answers) script.Enqueue(answer);
    }

    /// <summary>
    /// A host's settings to deliver to a receiver on 127.0.0.1 (http, the host allowed) at once, polling every 50 ms and
    /// retrying at once, then after 100 ms; <paramref name="more"/> adds or overrides.
    /// </summary>
    public static Dictionary<string, string> DeliveringSettings(params (string Name, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Webhooks:Deliver"] = "true",
            ["Webhooks:AllowHttp"] = "true",
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
            ["Webhooks:PollInterval"] = "00:00:00.050",
            ["Webhooks:RetryDelays:0"] = "00:00:00",
            ["Webhooks:RetryDelays:1"] = "00:00:00.100",
        };
        foreach (var (name, value) in more) settings[name] = value;
        return settings;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext http, string path) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            receiver.received.Enqueue(new ReceivedWebhook(path, http.Request.Headers["webhook-id"].ToString(),
                http.Request.Headers["webhook-timestamp"].ToString(), http.Request.Headers["webhook-signature"].ToString(), body, receiver.clock.Elapsed));
            if (receiver.Down) return Results.StatusCode(503);
            if (!receiver.script.TryDequeue(out var answer)) return Results.Ok();
            if (answer.RetryAfter is not null) http.Response.Headers.RetryAfter = answer.RetryAfter;
            return Results.StatusCode(answer.Status);
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until the requests received satisfy <paramref name="condition"/>, for 15 seconds unless told otherwise.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, string what, int seconds = 15)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition(Received))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                var received = Received;
                Assert.Fail($"Waited {seconds} s for {what}; received {received.Count}: {string.Join(" | ", received.Take(10).Select(r => r.Body))}");
            }
            await Task.Delay(20);
        }
        return Received;
    }

    /// <summary>Checks a signature as a receiver would, with HMAC-SHA256 written here rather than the API's code.</summary>
    public static bool Verifies(string secret, ReceivedWebhook webhook)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        using var hmac = new HMACSHA256(key);
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}")));
        return webhook.Signature.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
