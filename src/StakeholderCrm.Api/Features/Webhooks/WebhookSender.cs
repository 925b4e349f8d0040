using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>One claimed delivery, with what it takes to send it.</summary>
internal sealed record DueDelivery
{
    public Guid Id { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string MessageId { get; init; } = "";
    public string Payload { get; init; } = "";
    public Guid SubscriptionId { get; init; }
    public string Url { get; init; } = "";
    public string SecretProtected { get; init; } = "";
    public string? PreviousSecretProtected { get; init; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
}

/// <summary>What one attempt came to: the status (null when no answer came), how long it took, why it failed, and any Retry-After.</summary>
internal sealed record AttemptOutcome(DateTimeOffset AttemptedAt, int? StatusCode, long DurationMs, string? Error, TimeSpan? RetryAfter)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>Sends one message to the Standard Webhooks specification: the webhook-id, -timestamp and -signature headers and the JSON body.</summary>
internal sealed class WebhookSender(IHttpClientFactory clients, WebhookSecrets secrets, TimeProvider clock)
{
    public async Task<AttemptOutcome> SendAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        long Elapsed() => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        string signature;
        try
        {
            signature = Signature(delivery, now);
        }
        catch (CryptographicException)
        {
            return new AttemptOutcome(now, null, 0, "The signing secret cannot be decrypted (lost Data Protection keys?): rotate the secret.", null);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        try
        {
            using var response = await clients.CreateClient(WebhookServices.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead,
                cancellationToken);
            var status = (int)response.StatusCode;
            var retryAfter = status is 429 or 503 ? RetryAfter(response, now) : null;
            var error = response.IsSuccessStatusCode ? null : $"The receiver answered {status} {response.ReasonPhrase}.";
            return new AttemptOutcome(now, status, Elapsed(), error, retryAfter);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(now, null, Elapsed(), "No answer within the timeout.", null);
        }
        catch (HttpRequestException exception)
        {
            return new AttemptOutcome(now, null, Elapsed(), Shorten(exception.InnerException?.Message is { } inner ? $"{exception.Message} {inner}" : exception.Message),
                null);
        }
    }

    /// <summary>The current secret's signature, and during a rotation's overlap the previous one's, space-separated.</summary>
    private string Signature(DueDelivery delivery, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds();
        var current = WebhookSecrets.Sign(secrets.Unprotect(delivery.SecretProtected), delivery.MessageId, timestamp, delivery.Payload);
        return delivery.PreviousSecretProtected is { } previous && delivery.PreviousSecretExpiresAt > now
            ? $"{current} {WebhookSecrets.Sign(secrets.Unprotect(previous), delivery.MessageId, timestamp, delivery.Payload)}"
            : current;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
        => response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };

    private static string Shorten(string error) => error.Length <= 1000 ? error : error[..1000];
}
