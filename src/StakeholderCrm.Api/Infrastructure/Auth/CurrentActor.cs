namespace StakeholderCrm.Api.Infrastructure.Auth;

/// <summary>Who is acting: the authenticated key's name, or <c>system</c> outside a request.</summary>
public sealed class CurrentActor(IHttpContextAccessor accessor)
{
    public const string System = "system";

    public string Name => accessor.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : System;
}
