using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StakeholderCrm.Benchmarks;

/// <summary>
/// A receiver that answers 204 to every webhook, subscribed to every event for one scenario (issue 22: what the outbox
/// costs a create) and unsubscribed after it, with the count of events it was sent.
/// </summary>
internal sealed class WebhookSink : IAsyncDisposable
{
    private const string Address = "http://127.0.0.1:5213/";
    private readonly HttpListener listener = new();
    private readonly HttpClient api = new() { BaseAddress = new Uri(BenchmarkProgram.ApiUrl) };
    private readonly Task serving;
    private string? subscription;
    private int received;

    private WebhookSink()
    {
        listener.Prefixes.Add(Address);
        listener.Start();
        api.DefaultRequestHeaders.Add("X-Api-Key", BenchmarkProgram.Key);
        serving = Task.Run(ServeAsync);
    }

    public static async Task<WebhookSink> SubscribeAsync()
    {
        var sink = new WebhookSink();
        var response = await sink.api.PostAsJsonAsync("/api/webhooks", new { url = Address + "hook", eventTypes = new[] { "*" } });
        response.EnsureSuccessStatusCode();
        sink.subscription = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["id"];
        return sink;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            Interlocked.Increment(ref received);
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (subscription is not null) (await api.DeleteAsync($"/api/webhooks/{subscription}")).EnsureSuccessStatusCode();
        Console.WriteLine($"webhook sink: {received} events received");
        listener.Stop();
        await serving;
        listener.Close();
        api.Dispose();
    }
}
