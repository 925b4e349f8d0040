using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.ApiKeys;

/// <summary>Revokes a key at once; revoking it again changes nothing.</summary>
public sealed record RevokeApiKey(Guid Id) : ICommand<ApiKeyResponse>;

public sealed class RevokeApiKeyHandler(DbSession session, ChangeLog changes, TimeProvider clock) : IRequestHandler<RevokeApiKey, ApiKeyResponse>
{
    private static readonly SqlText Revoke = SqlText.Portable("UPDATE api_keys SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL");

    public async Task<ApiKeyResponse> Handle(RevokeApiKey command, CancellationToken cancellationToken)
    {
        var key = await ApiKeyQueries.LoadAsync(session, command.Id, cancellationToken);
        if (key.RevokedAt is not null) return key;

        var changed = await session.ExecuteAsync(Revoke, new { command.Id, Now = clock.GetUtcNow() }, cancellationToken);
        var revoked = await ApiKeyQueries.LoadAsync(session, command.Id, cancellationToken);
        if (changed == 0) return revoked;
        await changes.RecordAsync(ApiKeyQueries.EntityType, command.Id, ChangeOperation.Archived, 2, revoked, cancellationToken);
        return revoked;
    }
}
