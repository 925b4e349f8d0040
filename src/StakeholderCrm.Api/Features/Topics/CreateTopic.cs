using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Topics;

public sealed record CreateTopic : TopicFields, ICommand<TopicResponse>;

public sealed class CreateTopicValidator : AbstractValidator<CreateTopic>
{
    public CreateTopicValidator() => Include(new TopicFieldsValidator());
}

public sealed class CreateTopicHandler(DbSession session, ChangeLog changes, TimeProvider clock) : IRequestHandler<CreateTopic, TopicResponse>
{
    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO topics (id, name, name_key, parent_id, description, version, created_at, updated_at, archived)
        VALUES (@Id, @Name, @NameKey, @ParentId, @Description, 1, @Now, @Now, 0)
        """);

    public async Task<TopicResponse> Handle(CreateTopic command, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await TopicQueries.CheckParentAsync(session, id, command.ParentId, cancellationToken);
        try
        {
            await session.ExecuteAsync(Insert, new
            {
                Id = id, Name = command.Name!.Trim(), NameKey = Text.Key(command.Name), command.ParentId, command.Description, Now = clock.GetUtcNow(),
            }, cancellationToken);
        }
        catch (UniqueConstraintViolation)
        {
            throw await TopicQueries.DuplicateAsync(session, id, command, cancellationToken);
        }
        return await TopicWrites.AfterWriteAsync(session, changes, id, command, ChangeOperation.Created, cancellationToken);
    }
}
