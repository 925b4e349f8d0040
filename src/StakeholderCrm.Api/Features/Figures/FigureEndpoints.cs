using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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

        var figures = app.SecuredGroup(Route, "Figures");

        figures.MapPost("/", async Task<Created<FigureResponse>> (CreateFigure command, IMediator mediator, HttpContext http) =>
            {
                var created = await mediator.Send(command, http.RequestAborted);
                return http.CreatedWithETag($"{Route}/{created.Id}", created);
            })
            .WithName("CreateFigure").WithSummary("Record a figure an organisation stated (users, removals, staff…).")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 409, 413);

        figures.MapGet("/{id:guid}", async Task<Ok<FigureResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new GetFigure(id), http.RequestAborted)))
            .WithName("GetFigure").WithSummary("Read a figure, archived or not.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);

        figures.MapGet("/", async Task<Ok<Page<FigureResponse>>> ([AsParameters] ListFigures query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListFigures").WithSummary("List figures, newest observation first, by organisation, metric or source engagement.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        figures.MapPatch("/{id:guid}", async Task<Ok<FigureResponse>> (Guid id, [FromBody] JsonElement patch, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new UpdateFigure(id, ETags.RequiredVersion(http.Request), patch), http.RequestAborted)))
            .WithName("UpdateFigure").WithSummary("Change a figure with a JSON merge patch; If-Match is required.")
            .Accepts<FigureFields>(MergePatch.ContentType, "application/json")
            .RequireAuthorization(Policies.Write).ProducesProblems(400, 404, 409, 412, 413, 428);

        figures.MapDelete("/{id:guid}", async Task<Ok<FigureResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveFigure(id, ETags.RequiredVersion(http.Request), Archived: true), http.RequestAborted)))
            .WithName("ArchiveFigure").WithSummary("Archive a figure; it stays readable by id. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);

        figures.MapPost("/{id:guid}/restore", async Task<Ok<FigureResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ArchiveFigure(id, ETags.RequiredVersion(http.Request), Archived: false), http.RequestAborted)))
            .WithName("RestoreFigure").WithSummary("Bring an archived figure back. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);
    }
}
