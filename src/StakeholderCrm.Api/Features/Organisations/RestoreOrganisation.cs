using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Organisations;

/// <summary>Brings an archived organisation back, unless a live one has taken its name or register id meanwhile.</summary>
public sealed record RestoreOrganisation(Guid Id, int? RequiredVersion) : ICommand<OrganisationResponse>;

public sealed class RestoreOrganisationHandler(DbSession session, ChangeLog changes, TimeProvider clock)
    : IRequestHandler<RestoreOrganisation, OrganisationResponse>
{
    public Task<OrganisationResponse> Handle(RestoreOrganisation command, CancellationToken cancellationToken)
        => OrganisationWrites.SetArchivedAsync(session, changes, clock, command.Id, command.RequiredVersion, archived: false, cancellationToken);
}
