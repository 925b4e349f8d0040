using System.Text.Json;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Contacts;

/// <summary>A merge patch; <c>positions</c>, an array, is replaced whole (RFC 7396), e.g. to close one role and open another.</summary>
public sealed record UpdateContact(Guid Id, int? RequiredVersion, JsonElement Patch) : ICommand<ContactResponse>;

public sealed class UpdateContactHandler(DbSession session, ChangeLog changes, TimeProvider clock, IValidator<ContactFields> validator, Caller caller)
    : IRequestHandler<UpdateContact, ContactResponse>
{
    private static readonly SqlText Update = SqlText.Portable("""
        UPDATE contacts SET full_name = @FullName, name_key = @NameKey, email = @Email, phone = @Phone, notes = @Notes,
            positions = @Positions, external_ids = @ExternalIds, current_organisation_id = @CurrentOrganisationId, current_title = @CurrentTitle,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public async Task<ContactResponse> Handle(UpdateContact command, CancellationToken cancellationToken)
    {
        var current = await ContactQueries.LoadAsync(session, command.Id, cancellationToken);
        ContactQueries.CheckNotRestricted(current, caller);
        Archiving.CheckEditable(current, command.RequiredVersion, ContactQueries.EntityType);
        var fields = MergePatch.Apply<ContactFields>(current, command.Patch);
        if (MergePatch.ChangesNothing<ContactFields>(current, fields)) return current;
        await validator.ValidateAndThrowAsync(fields, cancellationToken);
        await ContactQueries.CheckOrganisationsAsync(session, fields.Positions, cancellationToken);

        var now = clock.GetUtcNow();
        var role = ContactWrites.Current(fields.Positions, DateOnly.FromDateTime(now.UtcDateTime));
        var rows = await session.ExecuteAsync(Update, new
        {
            current.Id, current.Version, FullName = fields.FullName!.Trim(), NameKey = Text.Key(fields.FullName), fields.Email, fields.Phone,
            fields.Notes, fields.Positions, fields.ExternalIds, CurrentOrganisationId = role?.OrganisationId, CurrentTitle = role?.Title, Now = now,
        }, cancellationToken);
        if (rows == 0) throw Archiving.Stale(ContactQueries.EntityType);
        return await ContactWrites.AfterWriteAsync(session, changes, current.Id, fields, ChangeOperation.Updated, cancellationToken);
    }
}
