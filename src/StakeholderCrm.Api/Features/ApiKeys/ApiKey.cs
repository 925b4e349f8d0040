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
}

/// <summary>The one response that shows the secret; it cannot be read again.</summary>
public sealed record CreatedApiKeyResponse : ApiKeyResponse
{
    public string Secret { get; init; } = "";
}

internal static class ApiKeySql
{
    public const string EntityType = "apiKey";
    public const string Columns = "id, name, role, created_at, created_by, revoked_at";
}
