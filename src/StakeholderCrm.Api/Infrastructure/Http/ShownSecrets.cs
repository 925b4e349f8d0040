using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>An answer that shows a secret this once: an API key's, a webhook's signing secret.</summary>
public interface IShowsSecret
{
    string Secret { get; }
}

/// <summary>
/// The secret in a stored idempotent answer, encrypted with Data Protection: a retry that lost the first answer gets the
/// secret again, and the idempotency table holds no secret anyone who reads the database could use.
/// </summary>
public sealed class ShownSecrets(IDataProtectionProvider protection)
{
    private const string Property = "secret";
    private const string Marker = "protected:";

    private readonly IDataProtector protector = protection.CreateProtector("StakeholderCrm.Idempotency.ShownSecret");

    public string ForStorage(string body, object value)
    {
        if (value is not IShowsSecret shown || JsonNode.Parse(body) is not JsonObject answer) return body;
        answer[Property] = Marker + protector.Protect(shown.Secret);
        return answer.ToJsonString(Json.Options);
    }

    public string ForReplay(string stored)
    {
        if (!stored.Contains($"\"{Property}\":\"{Marker}", StringComparison.Ordinal) || JsonNode.Parse(stored) is not JsonObject answer) return stored;
        try
        {
            answer[Property] = protector.Unprotect(((string)answer[Property]!)[Marker.Length..]);
        }
        catch (CryptographicException)
        {
            throw new ConflictException("The first answer to this Idempotency-Key held a secret this API can no longer read "
                + "(its Data Protection keys changed): rotate the secret to get a new one.");
        }
        return answer.ToJsonString(Json.Options);
    }
}
