using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>A subscription receives the events of changes committed after it was created.</summary>
public sealed record CreateWebhook : WebhookFields, ICommand<CreatedWebhookResponse>;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhook>
{
    public CreateWebhookValidator() => Include(new WebhookFieldsValidator());
}

public sealed class CreateWebhookHandler(DbSession session, WebhookAddresses addresses, WebhookSecrets secrets, TimeProvider clock)
    : IRequestHandler<CreateWebhook, CreatedWebhookResponse>
{
    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO webhook_subscriptions (id, url, event_types, description, cleared, active, secret_protected, version, created_at, updated_at)
        VALUES (@Id, @Url, @EventTypes, @Description, @Cleared, @Active, @SecretProtected, 1, @Now, @Now)
        """);

    public async Task<CreatedWebhookResponse> Handle(CreateWebhook command, CancellationToken cancellationToken)
    {
        await addresses.CheckAsync(command.Url!, cancellationToken);
        var id = Guid.CreateVersion7();
        var secret = WebhookSecrets.Generate();
        await session.ExecuteAsync(Insert, new
        {
            Id = id, command.Url, EventTypes = (IReadOnlyList<string>)command.EventTypes!.Distinct().ToList(), command.Description, command.Cleared, command.Active,
            SecretProtected = secrets.Protect(secret), Now = clock.GetUtcNow(),
        }, cancellationToken);
        return WebhookQueries.WithSecret(await WebhookQueries.LoadAsync(session, id, cancellationToken), secret);
    }
}
