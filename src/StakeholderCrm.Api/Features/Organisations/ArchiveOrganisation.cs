using MediatR;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Organisations;

/// <summary>
/// Archives (<c>Archived = true</c>): the organisation stays readable by id and leaves the lists. Restores
/// (<c>false</c>) unless a live organisation has taken its name or register id meanwhile.
/// </summary>
public sealed record ArchiveOrganisation(Guid Id, int? RequiredVersion, bool Archived) : ICommand<OrganisationResponse>;

public sealed class ArchiveOrganisationHandler(DbSession session, ChangeLog changes, TimeProvider clock)
    : IRequestHandler<ArchiveOrganisation, OrganisationResponse>
{
    private static readonly SqlText SetArchived = Archiving.Statement("organisations");

    public Task<OrganisationResponse> Handle(ArchiveOrganisation command, CancellationToken cancellationToken)
        => Archiving.SetArchivedAsync(session, changes, clock, SetArchived, OrganisationQueries.EntityType, command.Id, command.RequiredVersion,
            command.Archived, () => OrganisationQueries.LoadAsync(session, command.Id, cancellationToken), cancellationToken,
            onUniqueViolation: current => OrganisationQueries.DuplicateAsync(session, command.Id, current, cancellationToken));
}
