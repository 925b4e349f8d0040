using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>Reading subscriptions, never their secrets.</summary>
internal static class WebhookQueries
{
    public const string Resource = "webhook";
    public const string Columns = "id, url, event_types, description, cleared, active, disabled_reason, disabled_at, previous_secret_expires_at, "
        + "version, created_at, updated_at";

    public static readonly SqlText ById = SqlText.Portable($"SELECT {Columns} FROM webhook_subscriptions WHERE id = @Id");

    public static async Task<WebhookResponse> LoadAsync(DbSession session, Guid id, CancellationToken cancellationToken)
        => await session.QuerySingleOrDefaultAsync<WebhookResponse>(ById, new { Id = id }, cancellationToken)
           ?? throw new NotFoundException(Resource, id);

    public static CreatedWebhookResponse WithSecret(WebhookResponse webhook, string secret) => new()
    {
        Id = webhook.Id, Url = webhook.Url, EventTypes = webhook.EventTypes, Description = webhook.Description, Cleared = webhook.Cleared,
        Active = webhook.Active, Version = webhook.Version, CreatedAt = webhook.CreatedAt, UpdatedAt = webhook.UpdatedAt,
        DisabledReason = webhook.DisabledReason, DisabledAt = webhook.DisabledAt, PreviousSecretExpiresAt = webhook.PreviousSecretExpiresAt,
        Secret = secret,
    };
}
