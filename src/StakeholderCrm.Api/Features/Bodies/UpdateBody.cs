using System.Text.Json;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Bodies;

public sealed record UpdateBody(Guid Id, int? RequiredVersion, JsonElement Patch) : ICommand<BodyResponse>;

public sealed class UpdateBodyHandler(DbSession session, ChangeLog changes, TimeProvider clock, IValidator<BodyFields> validator, Caller caller)
    : IRequestHandler<UpdateBody, BodyResponse>
{
    private static readonly SqlText Update = SqlText.Portable("""
        UPDATE bodies SET name = @Name, name_key = @NameKey, kind = @Kind, convener_id = @ConvenerId, website = @Website,
            description = @Description, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public async Task<BodyResponse> Handle(UpdateBody command, CancellationToken cancellationToken)
    {
        var current = await BodyQueries.LoadAsync(session, command.Id, cancellationToken);
        Archiving.CheckEditable(current, command.RequiredVersion, BodyQueries.EntityType);
        var fields = MergePatch.Apply<BodyFields>(current, command.Patch);
        if (MergePatch.ChangesNothing<BodyFields>(current, fields)) return current;
        await validator.ValidateAndThrowAsync(fields, cancellationToken);
        await BodyQueries.CheckConvenerAsync(session, caller, fields.ConvenerId, cancellationToken);
        try
        {
            var rows = await session.ExecuteAsync(Update, BodyWrites.Row(current.Id, current.Version, fields, clock.GetUtcNow()), cancellationToken);
            if (rows == 0) throw Archiving.Stale(BodyQueries.EntityType);
        }
        catch (UniqueConstraintViolation)
        {
            throw await BodyQueries.DuplicateAsync(session, current.Id, fields, cancellationToken);
        }
        return await BodyWrites.AfterWriteAsync(session, changes, current.Id, fields, ChangeOperation.Updated, cancellationToken);
    }
}
