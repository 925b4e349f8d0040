using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Contacts;

public sealed record GetContact(Guid Id) : IQuery<ContactResponse>;

public sealed class GetContactHandler(DbSession session, Caller caller) : IRequestHandler<GetContact, ContactResponse>
{
    public async Task<ContactResponse> Handle(GetContact query, CancellationToken cancellationToken)
    {
        var contact = await ContactQueries.LoadAsync(session, query.Id, cancellationToken);
        return contact.Restricted && !caller.IsAdmin ? throw new NotFoundException(ContactQueries.EntityType, query.Id) : contact;
    }
}
