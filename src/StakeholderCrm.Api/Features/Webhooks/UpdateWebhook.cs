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
        return await WebhookQueries.LoadAsync(session, current.Id, cancellationToken);
    }
}
