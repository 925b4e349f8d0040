namespace StakeholderCrm.Api.Infrastructure.Auth;

public enum ApiRole { Reader, Editor, Admin }

/// <summary>Claims beyond name and role that authorisation reads.</summary>
public static class CrmClaims
{
    /// <summary>Present with the value <c>sensitive</c> for callers cleared to see sensitive engagements.</summary>
    public const string Clearance = "clearance";
    public const string Sensitive = "sensitive";
}

/// <summary>Authorisation policies by role (readers read, editors also write, admins also manage keys), narrowed by scopes.</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.RequireRole(nameof(ApiRole.Reader), nameof(ApiRole.Editor), nameof(ApiRole.Admin))
            .AddRequirements(new ScopeRequirement("read")));
        options.AddPolicy(Write, p => p.RequireRole(nameof(ApiRole.Editor), nameof(ApiRole.Admin)).AddRequirements(new ScopeRequirement("write")));
        options.AddPolicy(Admin, p => p.RequireRole(nameof(ApiRole.Admin)));
        options.FallbackPolicy = options.GetPolicy(Read);
    }
}
