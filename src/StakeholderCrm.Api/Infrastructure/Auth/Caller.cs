using System.Security.Claims;

namespace StakeholderCrm.Api.Infrastructure.Auth;

/// <summary>
/// Who is calling and what they may see, decided once per request from the authenticated principal and handed to
/// handlers as a value, so that nothing below the endpoint reads the HTTP context. Work outside a request
/// (migrations, seed-demo) is the system's own and sees everything.
/// </summary>
public sealed record Caller(string Name, string Key, bool Cleared, bool IsAdmin)
{
    public const string SystemName = "system";

    public static readonly Caller System = new(SystemName, SystemName, true, true);

    public static Caller Of(HttpContext? context)
    {
        if (context is null) return System;
        var user = context.User;
        var name = user.Identity is { IsAuthenticated: true, Name: { } authenticated } ? authenticated : SystemName;
        var key = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "anonymous";
        return new Caller(name, key, user.HasClaim(CrmClaims.Clearance, CrmClaims.Sensitive), user.IsInRole(nameof(ApiRole.Admin)));
    }

    /// <summary>Recording or classifying something as sensitive needs the clearance to see it afterwards.</summary>
    public void EnsureClearedFor(bool sensitive)
    {
        if (sensitive && !Cleared)
        {
            throw new Http.ForbiddenException("Only callers cleared for sensitive records may record or classify an engagement as sensitive.");
        }
    }
}
