using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.ApiKeys;

/// <summary>Replaces a key's secret: the new one is returned this once and the old one stops working at once.</summary>
public sealed record RotateApiKey(Guid Id) : ICommand<CreatedApiKeyResponse>;

public sealed class RotateApiKeyHandler(DbSession session, ChangeLog changes) : IRequestHandler<RotateApiKey, CreatedApiKeyResponse>
{
    private static readonly SqlText SetSecret = SqlText.Portable("UPDATE api_keys SET secret_hash = @SecretHash WHERE id = @Id AND revoked_at IS NULL");

    public async Task<CreatedApiKeyResponse> Handle(RotateApiKey command, CancellationToken cancellationToken)
    {
        var key = await ApiKeyQueries.LoadAsync(session, command.Id, cancellationToken);
        if (key.RevokedAt is not null) throw new ConflictException("A revoked key cannot be rotated; issue a new one.", key.Id);

        var secret = ApiKeySecrets.Generate();
        if (await session.ExecuteAsync(SetSecret, new { command.Id, SecretHash = ApiKeySecrets.Hash(secret) }, cancellationToken) == 0)
        {
            throw new ConflictException("A revoked key cannot be rotated; issue a new one.", key.Id);
        }
        await changes.RecordAsync(ApiKeyQueries.EntityType, key.Id, ChangeOperation.Updated, 2, key, cancellationToken);
        return new CreatedApiKeyResponse
        {
            Id = key.Id, Name = key.Name, Role = key.Role, CreatedAt = key.CreatedAt, CreatedBy = key.CreatedBy, RevokedAt = key.RevokedAt,
            ExpiresAt = key.ExpiresAt, Scopes = key.Scopes, Cleared = key.Cleared, Secret = secret,
        };
    }
}
