using Microsoft.AspNetCore.Authorization;

namespace StakeholderCrm.Api.Infrastructure.Auth;

/// <summary>The resource an endpoint belongs to for scopes: <c>organisations</c> in <c>organisations:read</c>.</summary>
public sealed record ScopeResource(string Name)
{
    /// <summary>Not a resource of its own but a grant: see <see cref="GrantedScopeRequirement"/>.</summary>
    public const string PersonalData = "personal-data";

    public static readonly string[] Known = ["organisations", "contacts", "topics", "engagements", "commitments", "bodies", "memberships", "figures",
        "changes", "transparency-register", "publications", "data-protection", PersonalData];
}

/// <summary>
/// What a policy asks of the caller: one of <paramref name="roles"/>, and, for a caller limited to scopes,
/// <c>{resource}:{action}</c> for the endpoint (a caller with no scopes is limited by its role alone; scopes narrow a
/// role, never widen it; no action, no scope check). It handles itself, so a request is authorised in one pass
/// rather than by a handler per rule.
/// </summary>
public sealed class AccessRequirement(string? action, params ApiRole[] roles) : IAuthorizationRequirement, IAuthorizationHandler
{
    private readonly string[] roleNames = roles.Select(r => r.ToString()).ToArray();

    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        // Called by the framework's pass-through handler for the policies that hold this requirement.
        if (InRole(context) && (action is null || InScope(context, action))) context.Succeed(this);
        return Task.CompletedTask;
    }

    private bool InRole(AuthorizationHandlerContext context)
    {
        foreach (var role in roleNames)
        {
            if (context.User.IsInRole(role)) return true;
        }
        return false;
    }

    private static bool InScope(AuthorizationHandlerContext context, string action)
    {
        if (!context.User.HasClaim(static c => c.Type == CrmClaims.Scope)) return true;
        var scopes = context.User.FindAll(CrmClaims.Scope).Select(c => c.Value).Where(s => s.Contains(':')).ToHashSet(StringComparer.Ordinal);
        var resource = (context.Resource as HttpContext)?.GetEndpoint()?.Metadata.GetMetadata<ScopeResource>();
        return scopes.Count == 0 || resource is null || scopes.Contains($"{resource.Name}:{action}")
            || (action == "read" && scopes.Contains($"{resource.Name}:write"));
    }
}

/// <summary>
/// Admins, or a caller of any role whose scopes name one of <paramref name="scopes"/> itself. Here a scope widens a role rather
/// than narrowing it: everything held on one person is more than a reader or an editor may read, yet the data
/// protection coordinator who answers a request for access needs it without an admin's power over keys and data, so the
/// admin issues that coordinator a key with this scope. A caller without scopes, or with others only, is refused.
/// </summary>
public sealed class GrantedScopeRequirement(params string[] scopes) : IAuthorizationRequirement, IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var user = context.User;
        var granted = user.IsInRole(nameof(ApiRole.Admin))
            || ((user.IsInRole(nameof(ApiRole.Reader)) || user.IsInRole(nameof(ApiRole.Editor))) && scopes.Any(s => user.HasClaim(CrmClaims.Scope, s)));
        if (granted) context.Succeed(this);
        return Task.CompletedTask;
    }
}
