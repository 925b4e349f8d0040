using FluentValidation;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>Where another system wants to be told of changes, and which.</summary>
public record WebhookFields
{
    /// <summary>The receiver: an https URL (http only where Webhooks:AllowHttp is set) whose host is not private.</summary>
    /// <example>https://crm-sync.example.org/webhooks/stakeholdercrm</example>
    [RequiredField] public string? Url { get; init; }

    /// <summary>Event types (engagement.created), all of an entity type (commitment.*), or everything (*).</summary>
    [RequiredField] public IReadOnlyList<string>? EventTypes { get; init; }

    public string? Description { get; init; }

    /// <summary>May receive events about sensitive records (their ids only; reading them needs a cleared key).</summary>
    public bool Cleared { get; init; }

    /// <summary>False stops deliveries; the API sets it false when the receiver answers 410 or fails for the whole retry window.</summary>
    public bool Active { get; init; } = true;
}

public record WebhookResponse : WebhookFields, IVersioned
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Why the API disabled the subscription (a 410, or failures for the whole retry window); null while it is not disabled.</summary>
    public string? DisabledReason { get; init; }
    public DateTimeOffset? DisabledAt { get; init; }
    /// <summary>After a rotation, until when the previous secret's signature is sent as well.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
}

/// <summary>The one response that shows the signing secret; it cannot be read again.</summary>
public sealed record CreatedWebhookResponse : WebhookResponse, IShowsSecret
{
    /// <summary>whsec_ and the base64 of 32 random bytes: the HMAC key is the decoded bytes.</summary>
    public string Secret { get; init; } = "";
}

public sealed class WebhookFieldsValidator : AbstractValidator<WebhookFields>
{
    public WebhookFieldsValidator()
    {
        RuleFor(w => w.Url).NotEmpty().MaximumLength(2000)
            .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                && string.IsNullOrEmpty(uri.Fragment))
            .WithMessage("'url' must be an absolute https URL without a fragment.");
        RuleFor(w => w.EventTypes).NotNull().Must(types => types!.Count is >= 1 and <= 50)
            .WithMessage("Give 1 to 50 event types, or [\"*\"] for all.");
        RuleForEach(w => w.EventTypes).Must(WebhookEventTypes.IsPattern)
            .WithMessage($"An event type is one of {string.Join(", ", WebhookEventTypes.Known)}, an entity type and .* (commitment.*), or *.");
        RuleFor(w => w.Description).Must(d => Text.Characters(d) <= 1000).WithMessage("'description' must be at most 1000 characters.");
    }
}
