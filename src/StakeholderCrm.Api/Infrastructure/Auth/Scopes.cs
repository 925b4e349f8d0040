using Microsoft.AspNetCore.Authorization;

namespace StakeholderCrm.Api.Infrastructure.Auth;

/// <summary>The resource an endpoint belongs to for scopes: <c>organisations</c> in <c>organisations:read</c>.</summary>
public sealed record ScopeResource(string Name);

/// <summary>
/// A caller limited to scopes needs <c>{resource}:{action}</c> for the endpoint; a caller with no scopes is limited
/// by its role alone. Scopes narrow a role, never widen it.
/// </summary>
public sealed record ScopeRequirement(string Action) : IAuthorizationRequirement;

public sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    public const string ClaimType = "scope";

    public static readonly string[] Resources = ["organisations", "contacts", "topics", "engagements", "commitments", "bodies", "memberships", "figures", "changes"];

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (!context.User.HasClaim(static c => c.Type == ClaimType))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        var scopes = context.User.FindAll(ClaimType).Select(c => c.Value).Where(s => s.Contains(':')).ToHashSet(StringComparer.Ordinal);
        var resource = (context.Resource as HttpContext)?.GetEndpoint()?.Metadata.GetMetadata<ScopeResource>();
        if (scopes.Count == 0 || resource is null || scopes.Contains($"{resource.Name}:{requirement.Action}")
            || (requirement.Action == "read" && scopes.Contains($"{resource.Name}:write")))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
