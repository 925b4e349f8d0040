using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Organisations;

/// <summary>
/// Archives (<c>Archived = true</c>): the organisation stays readable by id and leaves the lists. Restores
/// (<c>false</c>) unless a live organisation has taken its name or register id meanwhile.
/// </summary>
public sealed record ArchiveOrganisation(Guid Id, int? RequiredVersion, bool Archived) : ICommand<OrganisationResponse>;

public sealed class ArchiveOrganisationHandler(DbSession session, ChangeLog changes, TimeProvider clock)
    : IRequestHandler<ArchiveOrganisation, OrganisationResponse>
{
    public Task<OrganisationResponse> Handle(ArchiveOrganisation command, CancellationToken cancellationToken)
        => OrganisationWrites.SetArchivedAsync(session, changes, clock, command.Id, command.RequiredVersion, command.Archived, cancellationToken);
}
