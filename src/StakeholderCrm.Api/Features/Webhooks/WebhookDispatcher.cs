using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Infrastructure.Changes;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>
/// Fans the change log out into messages and delivers them, every Webhooks:PollInterval or as soon as a command that
/// wrote changes commits; every Webhooks:ReminderInterval it emits the reminders that have fallen due. Delivery is at
/// least once: an instance that dies after a receiver answered sends that message again, with the same webhook-id.
/// </summary>
internal sealed class WebhookDispatcher(IServiceScopeFactory scopes, OutboxSignal outbox, TimeProvider clock, IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Deliver) return;
        // Off the start-up path: the host finishes starting before the first round.
        await Task.Yield();
        var remindAt = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (clock.GetUtcNow() >= remindAt)
                {
                    remindAt = clock.GetUtcNow() + options.Value.ReminderInterval;
                    await scope.ServiceProvider.GetRequiredService<WebhookReminders>().RunAsync(stoppingToken);
                }
                var fannedOut = await scope.ServiceProvider.GetRequiredService<WebhookFanOut>().RunAsync(stoppingToken);
                var delivered = await scope.ServiceProvider.GetRequiredService<DeliveryRound>().RunAsync(stoppingToken);
                busy = fannedOut || delivered;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "A webhook round failed; the next poll tries again.");
            }
            if (!busy) await outbox.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }
}
