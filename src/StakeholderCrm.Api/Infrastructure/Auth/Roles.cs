namespace StakeholderCrm.Api.Infrastructure.Auth;

public enum ApiRole { Reader, Editor, Admin }

/// <summary>Claims beyond name and role that authorisation reads.</summary>
public static class CrmClaims
{
    /// <summary>Present with the value <c>sensitive</c> for callers cleared to see sensitive engagements.</summary>
    public const string Clearance = "clearance";
    public const string Sensitive = "sensitive";
    /// <summary>One claim per scope, <c>{resource}:{read|write}</c>; a caller without any is limited by its role alone.</summary>
    public const string Scope = "scope";
}

/// <summary>Authorisation policies by role (readers read, editors also write, admins also manage keys), narrowed by scopes.</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
    /// <summary>Everything the system holds on one person: admins, or a key granted <c>personal-data:read</c> or <c>personal-data:write</c>.</summary>
    public const string PersonalData = "personal-data";
    /// <summary>Erasing a person or restricting their data: admins, or a key granted <c>personal-data:write</c>.</summary>
    public const string PersonalDataWrite = "personal-data-write";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.AddRequirements(new AccessRequirement("read", ApiRole.Reader, ApiRole.Editor, ApiRole.Admin)));
        options.AddPolicy(Write, p => p.AddRequirements(new AccessRequirement("write", ApiRole.Editor, ApiRole.Admin)));
        options.AddPolicy(Admin, p => p.AddRequirements(new AccessRequirement(null, ApiRole.Admin)));
        options.AddPolicy(PersonalData, p => p.AddRequirements(
            new GrantedScopeRequirement($"{ScopeResource.PersonalData}:read", $"{ScopeResource.PersonalData}:write")));
        options.AddPolicy(PersonalDataWrite, p => p.AddRequirements(new GrantedScopeRequirement($"{ScopeResource.PersonalData}:write")));
        options.FallbackPolicy = options.GetPolicy(Read);
    }
}
