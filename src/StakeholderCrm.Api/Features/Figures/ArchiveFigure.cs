using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Figures;

/// <summary>Archives (<c>Archived = true</c>) or restores a figure; archived figures leave the series.</summary>
public sealed record ArchiveFigure(Guid Id, int? RequiredVersion, bool Archived) : ICommand<FigureResponse>;

public sealed class ArchiveFigureHandler(DbSession session, ChangeLog changes, TimeProvider clock, Caller caller)
    : IRequestHandler<ArchiveFigure, FigureResponse>
{
    private static readonly SqlText SetArchived = Archiving.Statement("figures");

    public Task<FigureResponse> Handle(ArchiveFigure command, CancellationToken cancellationToken)
        => Archiving.SetArchivedAsync(session, changes, clock, SetArchived, FigureQueries.EntityType, command.Id, command.RequiredVersion,
            command.Archived, () => FigureQueries.LoadAsync(session, caller, command.Id, cancellationToken), cancellationToken);
}
