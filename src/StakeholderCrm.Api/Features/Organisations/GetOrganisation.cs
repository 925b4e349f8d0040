using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Organisations;

public sealed record GetOrganisation(Guid Id) : IQuery<OrganisationResponse>;

public sealed class GetOrganisationHandler(DbSession session) : IRequestHandler<GetOrganisation, OrganisationResponse>
{
    public Task<OrganisationResponse> Handle(GetOrganisation query, CancellationToken cancellationToken)
        => OrganisationQueries.LoadAsync(session, query.Id, cancellationToken);
}
