using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Contacts;

public sealed record GetContact(Guid Id) : IQuery<ContactResponse>;

public sealed class GetContactHandler(DbSession session) : IRequestHandler<GetContact, ContactResponse>
{
    public Task<ContactResponse> Handle(GetContact query, CancellationToken cancellationToken)
        => ContactQueries.LoadAsync(session, query.Id, cancellationToken);
}
