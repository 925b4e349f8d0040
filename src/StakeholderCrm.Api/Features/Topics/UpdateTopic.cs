using System.Text.Json;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Topics;

public sealed record UpdateTopic(Guid Id, int? RequiredVersion, JsonElement Patch) : ICommand<TopicResponse>;

public sealed class UpdateTopicHandler(DbSession session, ChangeLog changes, TimeProvider clock, IValidator<TopicFields> validator)
    : IRequestHandler<UpdateTopic, TopicResponse>
{
    private static readonly SqlText Update = SqlText.Portable("""
        UPDATE topics SET name = @Name, name_key = @NameKey, parent_id = @ParentId, description = @Description,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public async Task<TopicResponse> Handle(UpdateTopic command, CancellationToken cancellationToken)
    {
        var current = await TopicQueries.LoadAsync(session, command.Id, cancellationToken);
        Archiving.CheckEditable(current, command.RequiredVersion, TopicQueries.EntityType);
        var fields = MergePatch.Apply<TopicFields>(current, command.Patch);
        if (MergePatch.ChangesNothing<TopicFields>(current, fields)) return current;
        await validator.ValidateAndThrowAsync(fields, cancellationToken);
        try
        {
            var rows = await session.ExecuteAsync(Update, new
            {
                current.Id, current.Version, Name = fields.Name!.Trim(), NameKey = Text.Key(fields.Name), fields.ParentId, fields.Description,
                Now = clock.GetUtcNow(),
            }, cancellationToken);
            if (rows == 0) throw Archiving.Stale(TopicQueries.EntityType);
        }
        catch (UniqueConstraintViolation)
        {
            throw await TopicQueries.DuplicateAsync(session, current.Id, fields, cancellationToken);
        }
        // After the update, inside its transaction: two concurrent re-parentings cannot both pass and close a cycle.
        await TopicQueries.CheckParentAsync(session, current.Id, fields.ParentId, cancellationToken);
        return await TopicWrites.AfterWriteAsync(session, changes, current.Id, fields, ChangeOperation.Updated, cancellationToken);
    }
}
