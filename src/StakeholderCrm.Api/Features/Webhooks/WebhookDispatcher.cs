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
            var listening = true;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (clock.GetUtcNow() >= remindAt)
                {
                    remindAt = clock.GetUtcNow() + options.Value.ReminderInterval;
                    await scope.ServiceProvider.GetRequiredService<WebhookReminders>().RunAsync(stoppingToken);
                }
                var round = await scope.ServiceProvider.GetRequiredService<WebhookFanOut>().RunAsync(stoppingToken);
                var delivered = await scope.ServiceProvider.GetRequiredService<DeliveryRound>().RunAsync(stoppingToken);
                busy = round.FannedOut || delivered;
                listening = round.Listening;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "A webhook round failed; the next poll tries again.");
            }
            if (busy) continue;
            // With nobody listening a commit need not wake the dispatcher: under a burst of writes it would cost a round each.
            if (listening) await outbox.WaitAsync(options.Value.PollInterval, stoppingToken);
            else await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
        }
    }
}
