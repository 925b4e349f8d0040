using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Organisations;

public sealed record CreateOrganisation : OrganisationFields, ICommand<OrganisationResponse>;

public sealed class CreateOrganisationValidator : AbstractValidator<CreateOrganisation>
{
    public CreateOrganisationValidator() => Include(new OrganisationFieldsValidator());
}

public sealed class CreateOrganisationHandler(DbSession session, ChangeLog changes, TimeProvider clock)
    : IRequestHandler<CreateOrganisation, OrganisationResponse>
{
    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO organisations (id, name, name_key, kind, internal, transparency_register_id, country, website, aliases,
            parent_id, tags, notes, external_ids, interest_representative_override, interest_representative_reason,
            version, created_at, updated_at, archived)
        VALUES (@Id, @Name, @NameKey, @Kind, @Internal, @TransparencyRegisterId, @Country, @Website, @Aliases,
            @ParentId, @Tags, @Notes, @ExternalIds, @InterestRepresentativeOverride, @InterestRepresentativeReason, 1, @Now, @Now, 0)
        """);

    public async Task<OrganisationResponse> Handle(CreateOrganisation command, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await OrganisationQueries.CheckParentAsync(session, id, command.ParentId, cancellationToken);
        try
        {
            await session.ExecuteAsync(Insert, OrganisationWrites.Row(id, 1, command, clock.GetUtcNow()), cancellationToken);
        }
        catch (UniqueConstraintViolation)
        {
            throw await OrganisationQueries.DuplicateAsync(session, id, command, cancellationToken);
        }
        await OrganisationWrites.IndexAsync(session, id, command, cancellationToken);
        var created = await OrganisationQueries.LoadAsync(session, id, cancellationToken);
        await changes.RecordAsync(OrganisationQueries.EntityType, id, ChangeOperation.Created, created.Version, created, cancellationToken);
        return created;
    }
}
