using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Figures;

public static class FigureEndpoints
{
    public const string Route = "/api/figures";

    public static void MapFigureEndpoints(this IEndpointRouteBuilder app)
    {
        app.SecuredGroup("/api/organisations", "Figures")
            .MapGet("/{id:guid}/figures", async Task<Ok<FigureSeriesResponse>> (Guid id, string? metric, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(new GetFigureSeries(id, metric), http.RequestAborted)))
            .WithName("GetOrganisationFigures")
            .WithSummary("An organisation's reported figures as series, one per metric (and unit and scope), each in time order.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400, 404);

        app.MapArchivableResource<CreateFigure, ListFigures, FigureResponse, FigureFields>(
            new ResourceDocs(Route, "Figure", "Figures", "a", "Record a figure an organisation stated (users, removals, staff…).",
                "List figures, newest observation first, by organisation, metric or source engagement."),
            id => new GetFigure(id),
            (id, version, patch) => new UpdateFigure(id, version, patch),
            (id, version, archived) => new ArchiveFigure(id, version, archived));
    }
}
