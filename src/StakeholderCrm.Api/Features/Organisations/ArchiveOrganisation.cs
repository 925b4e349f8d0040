using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Organisations;

/// <summary>Archives: the organisation stays readable by id, marked archived, and leaves the lists.</summary>
public sealed record ArchiveOrganisation(Guid Id, int? RequiredVersion) : ICommand<OrganisationResponse>;

public sealed class ArchiveOrganisationHandler(DbSession session, ChangeLog changes, TimeProvider clock)
    : IRequestHandler<ArchiveOrganisation, OrganisationResponse>
{
    public Task<OrganisationResponse> Handle(ArchiveOrganisation command, CancellationToken cancellationToken)
        => OrganisationWrites.SetArchivedAsync(session, changes, clock, command.Id, command.RequiredVersion, archived: true, cancellationToken);
}
