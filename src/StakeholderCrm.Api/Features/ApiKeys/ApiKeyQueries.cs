using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.ApiKeys;

/// <summary>Reading API keys, never their secrets.</summary>
internal static class ApiKeyQueries
{
    public const string EntityType = "apiKey";
    public const string Columns = "id, name, role, created_at, created_by, revoked_at, expires_at, scopes, cleared";

    public static readonly SqlText ById = SqlText.Portable($"SELECT {Columns} FROM api_keys WHERE id = @Id");
    public static readonly SqlText LiveWithName = SqlText.Portable("SELECT id FROM api_keys WHERE name = @Name AND revoked_at IS NULL");

    public static async Task<ApiKeyResponse> LoadAsync(DbSession session, Guid id, CancellationToken cancellationToken)
        => await session.QuerySingleOrDefaultAsync<ApiKeyResponse>(ById, new { Id = id }, cancellationToken)
           ?? throw new NotFoundException("API key", id);
}
