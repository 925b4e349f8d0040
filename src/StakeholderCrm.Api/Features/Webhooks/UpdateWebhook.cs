using System.Text.Json;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>A merge patch of a subscription's fields. Setting <c>active</c> true again clears the reason the API disabled it for.</summary>
public sealed record UpdateWebhook(Guid Id, int? RequiredVersion, JsonElement Patch) : ICommand<WebhookResponse>;

public sealed class UpdateWebhookHandler(DbSession session, WebhookAddresses addresses, TimeProvider clock, IValidator<WebhookFields> validator)
    : IRequestHandler<UpdateWebhook, WebhookResponse>
{
    private static readonly SqlText Update = SqlText.Portable("""
        UPDATE webhook_subscriptions SET url = @Url, event_types = @EventTypes, description = @Description, cleared = @Cleared, active = @Active,
            disabled_reason = CASE WHEN @Active = 1 THEN NULL ELSE disabled_reason END,
            disabled_at = CASE WHEN @Active = 1 THEN NULL ELSE disabled_at END,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    // A subscription no longer cleared is sent nothing more about sensitive records, queued or retried.
    private static readonly SqlText AbandonSensitive = SqlText.Portable("""
        UPDATE webhook_deliveries SET status = 'abandoned', next_attempt_at = NULL, lease_until = NULL
        WHERE subscription_id = @Id AND status = 'pending'
            AND EXISTS (SELECT 1 FROM webhook_messages m WHERE m.sequence = webhook_deliveries.message_sequence AND m.sensitive = 1)
        """);

    public async Task<WebhookResponse> Handle(UpdateWebhook command, CancellationToken cancellationToken)
    {
        var current = await WebhookQueries.LoadAsync(session, command.Id, cancellationToken);
        ETags.Check(command.RequiredVersion, current.Version);
        var fields = MergePatch.Apply<WebhookFields>(current, command.Patch);
        if (MergePatch.ChangesNothing<WebhookFields>(current, fields)) return current;
        await validator.ValidateAndThrowAsync(fields, cancellationToken);
        if (fields.Url != current.Url) await addresses.CheckAsync(fields.Url!, cancellationToken);
        var rows = await session.ExecuteAsync(Update, new
        {
            current.Id, current.Version, fields.Url, EventTypes = (IReadOnlyList<string>)fields.EventTypes!.Distinct().ToList(), fields.Description,
            fields.Cleared, fields.Active, Now = clock.GetUtcNow(),
        }, cancellationToken);
        if (rows == 0) throw Archiving.Stale(WebhookQueries.Resource);
        if (current.Cleared && fields.Cleared == false) await session.ExecuteAsync(AbandonSensitive, new { current.Id }, cancellationToken);
        return await WebhookQueries.LoadAsync(session, current.Id, cancellationToken);
    }
}
