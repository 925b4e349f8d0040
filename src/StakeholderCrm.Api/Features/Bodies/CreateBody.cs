using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Bodies;

public sealed record CreateBody : BodyFields, ICommand<BodyResponse>;

public sealed class CreateBodyValidator : AbstractValidator<CreateBody>
{
    public CreateBodyValidator() => Include(new BodyFieldsValidator());
}

public sealed class CreateBodyHandler(DbSession session, ChangeLog changes, TimeProvider clock, Caller caller) : IRequestHandler<CreateBody, BodyResponse>
{
    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO bodies (id, name, name_key, kind, convener_id, website, description, version, created_at, updated_at, archived)
        VALUES (@Id, @Name, @NameKey, @Kind, @ConvenerId, @Website, @Description, @Version, @Now, @Now, 0)
        """);

    public async Task<BodyResponse> Handle(CreateBody command, CancellationToken cancellationToken)
    {
        await BodyQueries.CheckConvenerAsync(session, caller, command.ConvenerId, cancellationToken);
        var id = Guid.CreateVersion7();
        try
        {
            await session.ExecuteAsync(Insert, BodyWrites.Row(id, 1, command, clock.GetUtcNow()), cancellationToken);
        }
        catch (UniqueConstraintViolation)
        {
            throw await BodyQueries.DuplicateAsync(session, id, command, cancellationToken);
        }
        return await BodyWrites.AfterWriteAsync(session, changes, id, command, ChangeOperation.Created, cancellationToken);
    }
}
