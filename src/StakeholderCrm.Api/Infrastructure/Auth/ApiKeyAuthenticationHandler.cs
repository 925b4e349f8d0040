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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[ApiKeySecrets.Header].ToString();
        if (string.IsNullOrEmpty(presented)) return AuthenticateResult.NoResult();

        var hash = ApiKeySecrets.Hash(presented);
        var stored = await cache.FindAsync(hash, () => session.QuerySingleOrDefaultAsync<StoredApiKey>(
            ApiKeySecrets.FindByHash, new { SecretHash = hash }, Context.RequestAborted));
        if (stored is null || !ApiKeySecrets.Matches(hash, stored.SecretHash))
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }
        if (stored.ExpiresAt <= clock.GetUtcNow()) return AuthenticateResult.Fail("The API key has expired.");
        return AuthenticateResult.Success(new AuthenticationTicket(stored.Principal, SchemeName));
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
