using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Contacts;

public sealed record CreateContact : ContactFields, ICommand<ContactResponse>;

public sealed class CreateContactValidator : AbstractValidator<CreateContact>
{
    public CreateContactValidator() => Include(new ContactFieldsValidator());
}

public sealed class CreateContactHandler(DbSession session, ChangeLog changes, TimeProvider clock) : IRequestHandler<CreateContact, ContactResponse>
{
    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO contacts (id, full_name, name_key, email, phone, notes, positions, current_organisation_id, current_title,
            external_ids, version, created_at, updated_at, archived)
        VALUES (@Id, @FullName, @NameKey, @Email, @Phone, @Notes, @Positions, @CurrentOrganisationId, @CurrentTitle, @ExternalIds, 1, @Now, @Now, 0)
        """);

    public async Task<ContactResponse> Handle(CreateContact command, CancellationToken cancellationToken)
    {
        await ContactQueries.CheckOrganisationsAsync(session, command.Positions, cancellationToken);
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var current = ContactWrites.Current(command.Positions, DateOnly.FromDateTime(now.UtcDateTime));
        await session.ExecuteAsync(Insert, new
        {
            Id = id, FullName = command.FullName!.Trim(), NameKey = Text.Key(command.FullName), command.Email, command.Phone, command.Notes,
            command.Positions, command.ExternalIds, CurrentOrganisationId = current?.OrganisationId, CurrentTitle = current?.Title, Now = now,
        }, cancellationToken);
        return await ContactWrites.AfterWriteAsync(session, changes, id, command, ChangeOperation.Created, cancellationToken);
    }
}
