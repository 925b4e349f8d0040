using MediatR;
using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>
/// A new signing secret, returned this once. For Webhooks:RotationOverlap (24 hours) each delivery carries the
/// signatures of both, so the receiver can switch at its own pace.
/// </summary>
public sealed record RotateWebhookSecret(Guid Id) : ICommand<CreatedWebhookResponse>;

public sealed class RotateWebhookSecretHandler(DbSession session, WebhookSecrets secrets, TimeProvider clock, IOptions<WebhookOptions> options)
    : IRequestHandler<RotateWebhookSecret, CreatedWebhookResponse>
{
    private static readonly SqlText Rotate = SqlText.Portable("""
        UPDATE webhook_subscriptions SET previous_secret_protected = secret_protected, previous_secret_expires_at = @Until,
            secret_protected = @SecretProtected, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public async Task<CreatedWebhookResponse> Handle(RotateWebhookSecret command, CancellationToken cancellationToken)
    {
        var current = await WebhookQueries.LoadAsync(session, command.Id, cancellationToken);
        var secret = WebhookSecrets.Generate();
        var now = clock.GetUtcNow();
        var rows = await session.ExecuteAsync(Rotate, new
        {
            current.Id, current.Version, SecretProtected = secrets.Protect(secret), Until = now + options.Value.RotationOverlap, Now = now,
        }, cancellationToken);
        if (rows == 0) throw Archiving.Stale(WebhookQueries.Resource);
        return WebhookQueries.WithSecret(await WebhookQueries.LoadAsync(session, current.Id, cancellationToken), secret);
    }
}
