using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.ApiKeys;

public sealed record CreateApiKey(string? Name, ApiRole? Role) : ICommand<CreatedApiKeyResponse>;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator()
    {
        RuleFor(k => k.Name).NotEmpty().MaximumLength(100);
        RuleFor(k => k.Role).NotNull().WithMessage("'role' is required: reader, editor or admin.");
    }
}

public sealed class CreateApiKeyHandler(DbSession session, ChangeLog changes, CurrentActor actor, TimeProvider clock)
    : IRequestHandler<CreateApiKey, CreatedApiKeyResponse>
{
    private static readonly SqlText LiveWithName = SqlText.Portable("SELECT id FROM api_keys WHERE name = @Name AND revoked_at IS NULL");

    public async Task<CreatedApiKeyResponse> Handle(CreateApiKey command, CancellationToken cancellationToken)
    {
        var secret = ApiKeySecrets.Generate();
        var key = new CreatedApiKeyResponse
        {
            Id = Guid.CreateVersion7(),
            Name = command.Name!.Trim(),
            Role = Json.Name(command.Role!.Value),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.Name,
            Secret = secret,
        };
        try
        {
            await session.ExecuteAsync(ApiKeySecrets.Insert, new { key.Id, key.Name, key.Role, SecretHash = ApiKeySecrets.Hash(secret), key.CreatedAt, key.CreatedBy }, cancellationToken);
        }
        catch (UniqueConstraintViolation)
        {
            var existing = await session.QuerySingleOrDefaultAsync<Guid>(LiveWithName, new { key.Name }, cancellationToken);
            throw new ConflictException($"A live API key is already named '{key.Name}'.", existing);
        }
        await changes.RecordAsync(ApiKeySql.EntityType, key.Id, ChangeOperation.Created, 1, (ApiKeyResponse)key, cancellationToken);
        return key;
    }
}
