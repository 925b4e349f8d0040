using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Contacts;

/// <summary>Archives (<c>Archived = true</c>) or restores a contact; engagements they took part in keep them, marked archived.</summary>
public sealed record ArchiveContact(Guid Id, int? RequiredVersion, bool Archived) : ICommand<ContactResponse>;

public sealed class ArchiveContactHandler(DbSession session, ChangeLog changes, TimeProvider clock, Caller caller) : IRequestHandler<ArchiveContact, ContactResponse>
{
    private static readonly SqlText SetArchived = Archiving.Statement("contacts");

    public Task<ContactResponse> Handle(ArchiveContact command, CancellationToken cancellationToken)
        => Archiving.SetArchivedAsync(session, changes, clock, SetArchived, ContactQueries.EntityType, command.Id, command.RequiredVersion,
            command.Archived, () => LoadUnrestrictedAsync(command.Id, cancellationToken), cancellationToken);

    private async Task<ContactResponse> LoadUnrestrictedAsync(Guid id, CancellationToken cancellationToken)
    {
        var contact = await ContactQueries.LoadAsync(session, id, cancellationToken);
        ContactQueries.CheckNotRestricted(contact, caller);
        return contact;
    }
}
