using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.ApiKeys;

public record ApiKeyResponse
{
    public Guid Id { get; init; }
    /// <summary>Shown as the actor of every change made with the key.</summary>
    public string Name { get; init; } = "";
    /// <summary>reader, editor or admin.</summary>
    public string Role { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset? RevokedAt { get; init; }
    /// <summary>After this time the key is refused; null for a key that does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>The resources and actions the key is limited to ("engagements:read"); null for everything its role allows.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }
    /// <summary>Cleared to see sensitive engagements and what comes from them.</summary>
    public bool Cleared { get; init; }
}

/// <summary>The one response that shows the secret; it cannot be read again.</summary>
public sealed record CreatedApiKeyResponse : ApiKeyResponse, IShowsSecret
{
    public string Secret { get; init; } = "";
}
