namespace StakeholderCrm.Api.Infrastructure.Auth;

public enum ApiRole { Reader, Editor, Admin }

/// <summary>Authorisation policies by role: readers read, editors also write, admins also manage keys.</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.RequireRole(nameof(ApiRole.Reader), nameof(ApiRole.Editor), nameof(ApiRole.Admin)));
        options.AddPolicy(Write, p => p.RequireRole(nameof(ApiRole.Editor), nameof(ApiRole.Admin)));
        options.AddPolicy(Admin, p => p.RequireRole(nameof(ApiRole.Admin)));
        options.FallbackPolicy = options.GetPolicy(Read);
    }
}
