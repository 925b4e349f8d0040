using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Auth;

/// <summary>
/// API key secrets are 256 random bits shown once; only their SHA-256 is stored. A slow hash adds nothing for
/// secrets of that entropy, and a fast one keeps authentication off the request's critical path.
/// </summary>
public static class ApiKeySecrets
{
    public const string Header = "X-Api-Key";

    public static readonly SqlText FindByHash = SqlText.Portable("""
        SELECT id, name, role, secret_hash, expires_at, scopes, cleared FROM api_keys WHERE secret_hash = @SecretHash AND revoked_at IS NULL
        """);

    public static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO api_keys (id, name, role, secret_hash, created_at, created_by, expires_at, scopes, cleared)
        VALUES (@Id, @Name, @Role, @SecretHash, @CreatedAt, @CreatedBy, @ExpiresAt, @Scopes, @Cleared)
        """);

    public static string Generate() => "sck_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret)
    {
        // Every request hashes the key it presents: on the stack, so only the hex text is allocated.
        var most = Encoding.UTF8.GetMaxByteCount(secret.Length);
        var utf8 = most <= 512 ? stackalloc byte[512] : new byte[most];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(secret, utf8)], hash);
        return Convert.ToHexStringLower(hash);
    }

    public static bool Matches(string secretHash, string storedHash)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secretHash), Encoding.UTF8.GetBytes(storedHash));
}

public sealed record StoredApiKey
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public string SecretHash { get; init; } = "";
    public DateTimeOffset? ExpiresAt { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
    public bool Cleared { get; init; }

    private ClaimsPrincipal? principal;
    private AuthenticateResult? signedIn;

    /// <summary>The successful authentication with <see cref="Principal"/>, shared like it: nothing changes a result's ticket.</summary>
    public AuthenticateResult SignedIn => signedIn ??= AuthenticateResult.Success(new AuthenticationTicket(Principal, ApiKeyAuthenticationHandler.SchemeName));

    /// <summary>
    /// Built once per loaded key, so a cached key signs in without new claims; nothing in the API changes a principal
    /// after authentication.
    /// </summary>
    public ClaimsPrincipal Principal => principal ??= new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Id.ToString()),
            new Claim(ClaimTypes.Name, Name),
            new Claim(ClaimTypes.Role, Enum.Parse<ApiRole>(Role, ignoreCase: true).ToString()),
            .. (Scopes ?? []).Select(scope => new Claim(CrmClaims.Scope, scope)),
            .. Cleared ? [new Claim(CrmClaims.Clearance, CrmClaims.Sensitive)] : Array.Empty<Claim>(),
        ],
        ApiKeyAuthenticationHandler.SchemeName));
}
