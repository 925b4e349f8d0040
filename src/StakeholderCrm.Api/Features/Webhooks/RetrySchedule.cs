using Microsoft.Extensions.Options;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>
/// When a failed delivery is tried again: after the configured wait for its attempt number (the last repeats), give or
/// take a tenth so that receivers are not hit by every retry at once, and never before the receiver's Retry-After.
/// Null once the next attempt would fall outside the retry window.
/// </summary>
internal sealed class RetrySchedule(IOptions<WebhookOptions> options)
{
    public DateTimeOffset? Next(int attemptsMade, DateTimeOffset startedAt, DateTimeOffset now, TimeSpan? retryAfter)
    {
        var delays = options.Value.Delays;
        var delay = delays[Math.Min(attemptsMade, delays.Count - 1)];
        delay += delay * ((Random.Shared.NextDouble() - 0.5) / 5);
        if (retryAfter is { } wait && wait > delay) delay = wait;
        var next = now + delay;
        return next > startedAt + options.Value.RetryWindow ? null : next;
    }
}
