using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Auth;

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DbSession session,
    ApiKeyCache cache,
    IProblemDetailsService problems,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[ApiKeySecrets.Header].ToString();
        if (string.IsNullOrEmpty(presented)) return Task.FromResult(AuthenticateResult.NoResult());

        var hash = ApiKeySecrets.Hash(presented);
        // A held key answers without a state machine: most requests come from a key seen in the last seconds.
        return cache.TryFind(hash, out var held) ? Task.FromResult(Check(hash, held)) : LoadAsync(hash);
    }

    private async Task<AuthenticateResult> LoadAsync(string hash)
        => Check(hash, await cache.LoadAsync(hash, () => session.QuerySingleOrDefaultAsync<StoredApiKey>(
            ApiKeySecrets.FindByHash, new { SecretHash = hash }, Context.RequestAborted)));

    private AuthenticateResult Check(string hash, StoredApiKey? stored)
    {
        if (stored is null || !ApiKeySecrets.Matches(hash, stored.SecretHash))
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        if (stored.ExpiresAt <= clock.GetUtcNow()) return AuthenticateResult.Fail("The API key has expired.");
        return stored.SignedIn;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{ApiKeySecrets.Header}\", Bearer";
        return WriteProblem(StatusCodes.Status401Unauthorized,
            $"Send a valid, unexpired, unrevoked API key in the {ApiKeySecrets.Header} header, or a bearer token in Authorization.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        => WriteProblem(StatusCodes.Status403Forbidden, "This API key's role does not allow this operation.");

    private async Task WriteProblem(int status, string detail)
    {
        Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}
