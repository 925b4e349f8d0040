using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.ApiKeys;

/// <summary>
/// A key for a person or a system: its role; optionally an expiry, scopes that limit it to resource:action pairs
/// ("engagements:read"; omitted: all its role allows), and the clearance to see sensitive engagements.
/// </summary>
public sealed record CreateApiKey([property: RequiredField] string? Name, [property: RequiredField] ApiRole? Role, DateTimeOffset? ExpiresAt = null, IReadOnlyList<string>? Scopes = null, bool Cleared = false)
    : ICommand<CreatedApiKeyResponse>;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator(TimeProvider clock)
    {
        RuleFor(k => k.Name).NotEmpty().MaximumLength(100);
        RuleFor(k => k.Role).NotNull().WithMessage("'role' is required: reader, editor or admin.");
        RuleFor(k => k.ExpiresAt).GreaterThan(_ => clock.GetUtcNow()).When(k => k.ExpiresAt is not null).WithMessage("'expiresAt' must be in the future.");
        RuleFor(k => k.Scopes).Must(s => s!.Count is > 0 and <= 50).When(k => k.Scopes is not null).WithMessage("Give 1 to 50 scopes, or none for all.");
        RuleForEach(k => k.Scopes).Must(BeAScope)
            .WithMessage($"A scope is resource:read or resource:write, with resource one of: {string.Join(", ", ScopeResource.Known)}.");
    }

    private static bool BeAScope(string? scope)
        => scope?.Split(':') is [var resource, "read" or "write"] && ScopeResource.Known.Contains(resource);
}

public sealed class CreateApiKeyHandler(DbSession session, ChangeLog changes, Caller caller, TimeProvider clock)
    : IRequestHandler<CreateApiKey, CreatedApiKeyResponse>
{
    public async Task<CreatedApiKeyResponse> Handle(CreateApiKey command, CancellationToken cancellationToken)
    {
        var secret = ApiKeySecrets.Generate();
        var key = new CreatedApiKeyResponse
        {
            Id = Guid.CreateVersion7(),
            Name = command.Name!.Trim(),
            Role = Json.Name(command.Role!.Value),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = caller.Name,
            ExpiresAt = command.ExpiresAt,
            Scopes = command.Scopes,
            Cleared = command.Cleared,
            Secret = secret,
        };
        try
        {
            await session.ExecuteAsync(ApiKeySecrets.Insert, new
            {
                key.Id, key.Name, key.Role, SecretHash = ApiKeySecrets.Hash(secret), key.CreatedAt, key.CreatedBy, key.ExpiresAt, key.Scopes, key.Cleared,
            }, cancellationToken);
        }
        catch (UniqueConstraintViolation)
        {
            var existing = await session.QuerySingleOrDefaultAsync<Guid>(ApiKeyQueries.LiveWithName, new { key.Name }, cancellationToken);
            throw new ConflictException($"A live API key is already named '{key.Name}'.", existing);
        }
        await changes.RecordAsync(ApiKeyQueries.EntityType, key.Id, ChangeOperation.Created, 1, (ApiKeyResponse)key, cancellationToken);
        return key;
    }
}
