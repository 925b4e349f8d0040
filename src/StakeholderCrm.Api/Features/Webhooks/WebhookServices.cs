using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace StakeholderCrm.Api.Features.Webhooks;

public static class WebhookServices
{
    public const string HttpClientName = "webhooks";

    /// <summary>The settings (checked at start: a bad one stops the API), the secrets' protector, the sender and the dispatcher.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.IsValid, "Webhooks: PollInterval, Timeout, RetryWindow and ReminderInterval must be positive, RetryDelays not negative, "
                + "BatchSize 1 to 200, DueSoonDays and ReminderLookbackDays 0 to 365 and ApiBaseUrl an absolute URL or empty.")
            .ValidateOnStart();
        // The key ring must outlive the process (and be shared by every instance), or the stored secrets cannot be read back.
        var dataProtection = services.AddDataProtection().SetApplicationName("StakeholderCrm");
        if (configuration[$"{WebhookOptions.Section}:{nameof(WebhookOptions.KeysFolder)}"] is { Length: > 0 } folder)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(folder));
        }
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookAddresses>();
        services.AddHttpClient(HttpClientName, (provider, client) => client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<WebhookAddresses>().Handler());
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<RetrySchedule>();
        services.AddScoped<WebhookFanOut>();
        services.AddScoped<DeliveryRound>();
        services.AddScoped<WebhookReminders>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
