using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Figures;

public sealed record GetFigure(Guid Id) : IQuery<FigureResponse>;

public sealed class GetFigureHandler(DbSession session, Caller caller) : IRequestHandler<GetFigure, FigureResponse>
{
    public Task<FigureResponse> Handle(GetFigure query, CancellationToken cancellationToken)
        => FigureQueries.LoadAsync(session, caller, query.Id, cancellationToken);
}
