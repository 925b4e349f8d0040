using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Infrastructure.Auth;

/// <summary>
/// Makes sure someone can administer a new installation: <c>Auth:BootstrapAdminKey</c> becomes an admin key when
/// no admin key exists; without it, the first start on an empty key table generates one and logs it once.
/// </summary>
public sealed class BootstrapAdminKey(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<BootstrapAdminKey> logger)
{
    public const string Name = "bootstrap-admin";

    private static readonly SqlText CountKeys = SqlText.Portable("""
        SELECT COUNT(*) FROM api_keys WHERE revoked_at IS NULL AND (@AdminOnly = 0 OR role = 'admin')
        """);

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var configured = configuration["Auth:BootstrapAdminKey"];

        // Begun at once: the count and the insert must see the same keys.
        var secret = await scope.ServiceProvider.GetRequiredService<UnitOfWork>().RunAsync<string?>(async () =>
        {
            var existing = await session.ExecuteScalarAsync<long>(CountKeys, new { AdminOnly = string.IsNullOrEmpty(configured) ? 0 : 1 }, cancellationToken);
            if (existing > 0) return null;

            var secret = string.IsNullOrEmpty(configured) ? ApiKeySecrets.Generate() : configured;
            var key = new
            {
                Id = Guid.CreateVersion7(), Name, Role = Json.Name(ApiRole.Admin), SecretHash = ApiKeySecrets.Hash(secret), CreatedAt = clock.GetUtcNow(),
                CreatedBy = Caller.SystemName, ExpiresAt = (DateTimeOffset?)null, Scopes = (IReadOnlyList<string>?)null, Cleared = true,
            };
            await session.ExecuteAsync(ApiKeySecrets.Insert, key, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<ChangeLog>().RecordAsync(
                "apiKey", key.Id, ChangeOperation.Created, 1, new
                {
                    // As an API key's read answers it, so the feed's entries for keys share one shape.
                    key.Id, key.Name, key.Role, key.CreatedAt, key.CreatedBy, RevokedAt = (DateTimeOffset?)null, key.ExpiresAt, key.Scopes, key.Cleared,
                }, cancellationToken);
            return secret;
        }, null, cancellationToken, beginNow: true);

        if (secret is null) return;
        if (string.IsNullOrEmpty(configured))
        {
            logger.LogWarning("No API key existed, so an admin key was generated. It is shown this once; store it now: {AdminKey}", secret);
        }
        else
        {
            logger.LogInformation("Auth:BootstrapAdminKey registered as the admin key '{Name}'.", Name);
        }
    }
}
