using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using StakeholderCrm.Api.Infrastructure.Auth;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StakeholderCrm.Api.Infrastructure.OpenApi;

/// <summary>Says on each operation who may call it: the roles its policy admits and, for a key limited by scopes, the scope.</summary>
internal sealed class AccessDescriptionFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any()) return;
        var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null) ?? Policies.Read;
        var resource = metadata.OfType<ScopeResource>().LastOrDefault()?.Name;
        var access = policy switch
        {
            Policies.Admin => "Needs an admin key or token.",
            Policies.PersonalData => $"Needs an admin key or token, or a key granted {ScopeResource.PersonalData}:read or {ScopeResource.PersonalData}:write.",
            Policies.PersonalDataWrite => $"Needs an admin key or token, or a key granted {ScopeResource.PersonalData}:write.",
            Policies.Write => "Needs an editor or admin key or token."
                + (resource is null ? "" : $" A key limited by scopes needs {resource}:write."),
            _ => "Needs any key or token (reader, editor or admin)."
                + (resource is null ? "" : $" A key limited by scopes needs {resource}:read or {resource}:write."),
        };
        operation.Description = operation.Description is { Length: > 0 } given ? $"{given}\n\n{access}" : access;
    }
}
