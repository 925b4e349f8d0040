using System.Text.Json;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Organisations;

/// <summary>A JSON merge patch of the organisation's fields, applied only if <paramref name="RequiredVersion"/> is current.</summary>
public sealed record UpdateOrganisation(Guid Id, int? RequiredVersion, JsonElement Patch) : ICommand<OrganisationResponse>;

public sealed class UpdateOrganisationHandler(DbSession session, ChangeLog changes, TimeProvider clock, IValidator<OrganisationFields> validator)
    : IRequestHandler<UpdateOrganisation, OrganisationResponse>
{
    private static readonly SqlText Update = SqlText.Portable("""
        UPDATE organisations SET name = @Name, name_key = @NameKey, kind = @Kind, internal = @Internal,
            transparency_register_id = @TransparencyRegisterId, country = @Country, website = @Website, aliases = @Aliases,
            parent_id = @ParentId, tags = @Tags, notes = @Notes, external_ids = @ExternalIds,
            interest_representative_override = @InterestRepresentativeOverride, interest_representative_reason = @InterestRepresentativeReason,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public async Task<OrganisationResponse> Handle(UpdateOrganisation command, CancellationToken cancellationToken)
    {
        var current = await OrganisationQueries.LoadAsync(session, command.Id, cancellationToken);
        Archiving.CheckEditable(current, command.RequiredVersion, OrganisationQueries.EntityType);

        var fields = MergePatch.Apply<OrganisationFields>(current, command.Patch);
        await validator.ValidateAndThrowAsync(fields, cancellationToken);
        var now = clock.GetUtcNow();
        var row = OrganisationWrites.Row(current.Id, current.Version, fields, now);
        if (MergePatch.ChangesNothing(OrganisationWrites.Row(current.Id, current.Version, current, now), row)) return current;
        try
        {
            var rows = await session.ExecuteAsync(Update, row, cancellationToken);
            if (rows == 0) throw Archiving.Stale(OrganisationQueries.EntityType);
        }
        catch (UniqueConstraintViolation)
        {
            throw await OrganisationQueries.DuplicateAsync(session, current.Id, fields, cancellationToken);
        }
        // After the update, inside its transaction: two concurrent re-parentings cannot both pass and close a cycle.
        await OrganisationQueries.CheckParentAsync(session, current.Id, fields.ParentId, cancellationToken);
        await OrganisationWrites.IndexAsync(session, current.Id, fields, cancellationToken);
        var updated = await OrganisationQueries.LoadAsync(session, current.Id, cancellationToken);
        await changes.RecordAsync(OrganisationQueries.EntityType, updated.Id, ChangeOperation.Updated, updated.Version, updated, cancellationToken);
        return updated;
    }
}
