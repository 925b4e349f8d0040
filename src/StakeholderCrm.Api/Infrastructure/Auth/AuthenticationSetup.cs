using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace StakeholderCrm.Api.Infrastructure.Auth;

/// <summary>The <c>Auth:Jwt</c> section: the OpenID Connect issuer and this API's audience, and which claims carry what.</summary>
public sealed class JwtOptions
{
    public string? Authority { get; set; }
    /// <summary>Defaults to the authority.</summary>
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    public string RoleClaim { get; set; } = "roles";
    public string NameClaim { get; set; } = "name";
    /// <summary>A claim whose value <c>sensitive</c> clears the caller for sensitive engagements.</summary>
    public string ClearanceClaim { get; set; } = "clearance";
}

/// <summary>
/// API keys in X-Api-Key, or bearer tokens from the configured OpenID Connect authority: the Authorization header
/// decides which. Both end as the same claims: name, role, scopes, clearance.
/// </summary>
public static class AuthenticationSetup
{
    public static IServiceCollection AddCrmAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var jwt = configuration.GetSection("Auth:Jwt").Get<JwtOptions>() ?? new JwtOptions();
        services.AddSingleton<ApiKeyCache>();
        // The API-key scheme hands bearer requests on itself: a separate policy scheme would run a second handler per request.
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName,
                options => options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? JwtBearerDefaults.AuthenticationScheme
                        : null)
            .AddJwtBearer(options =>
            {
                options.Authority = jwt.Authority;
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = jwt.Issuer ?? jwt.Authority,
                    ValidateAudience = true,
                    ValidAudience = jwt.Audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    ClockSkew = TimeSpan.FromMinutes(1),
                    NameClaimType = jwt.NameClaim,
                    RoleClaimType = ClaimTypes.Role,
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        context.Principal?.AddIdentity(CrmIdentity(context.Principal, jwt));
                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                        await Problem(context.HttpContext, StatusCodes.Status401Unauthorized,
                            "The bearer token is missing, expired, unsigned or not for this API.");
                    },
                    OnForbidden = context => Problem(context.HttpContext, StatusCodes.Status403Forbidden,
                        "This token's role or scopes do not allow this operation."),
                };
            });
        return services;
    }

    /// <summary>The token's role, scopes and clearance in the claims the policies read.</summary>
    private static ClaimsIdentity CrmIdentity(ClaimsPrincipal token, JwtOptions jwt)
    {
        var claims = new List<Claim>();
        if (token.FindFirst("sub") is { } subject) claims.Add(new Claim(ClaimTypes.NameIdentifier, $"token:{subject.Value}"));
        foreach (var role in token.FindAll(jwt.RoleClaim))
        {
            if (Enum.TryParse<ApiRole>(role.Value, ignoreCase: true, out var parsed)) claims.Add(new Claim(ClaimTypes.Role, parsed.ToString()));
        }
        foreach (var scope in token.FindAll("scope").Concat(token.FindAll("scp")).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            claims.Add(new Claim(CrmClaims.Scope, scope));
        }
        if (token.HasClaim(jwt.ClearanceClaim, CrmClaims.Sensitive)) claims.Add(new Claim(CrmClaims.Clearance, CrmClaims.Sensitive));
        return new ClaimsIdentity(claims);
    }

    private static Task Problem(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        }).AsTask();
    }
}
