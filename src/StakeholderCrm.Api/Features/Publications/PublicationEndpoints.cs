using System.Text.Json;
using CsvHelper;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Publications;

public static class PublicationEndpoints
{
    public const string Route = "/api/publications";
    private const string Tag = "Publications";
    private const int ExportPage = 200;

    public static void MapPublicationEndpoints(this IEndpointRouteBuilder app)
    {
        var publications = app.SecuredGroup(Route, Tag);
        publications.MapGet("/", async Task<Ok<Page<PublicationItem>>> ([AsParameters] ListPublications query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListPublications")
            .WithSummary("The meetings the Commission's rules require to be published, and those published: overdue first, then pending, then "
                + "published, each by date, one keyset page at a time.")
            .RequireAuthorization(Policies.Read);

        publications.MapGet("/export.csv", async Task<PushStreamHttpResult> ([AsParameters] PublicationFilters query, IMediator mediator,
                HttpContext http) =>
            {
                var rows = Rows(await FirstAsync(query, mediator, http.RequestAborted), query, mediator, http.RequestAborted);
                return TypedResults.Stream(stream => WriteCsvAsync(stream, rows, http.RequestAborted), "text/csv; charset=utf-8", "meetings.csv");
            })
            .WithName("ExportPublicationsCsv")
            .WithSummary("The meetings to publish in the Commission's columns, one row per meeting and covered participant, the minutes last "
                + "(left out for sensitive meetings), as CSV (UTF-8).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .RequireAuthorization(Policies.Read);

        publications.MapGet("/export.json", async Task<PushStreamHttpResult> ([AsParameters] PublicationFilters query, IMediator mediator,
                HttpContext http) =>
            {
                var rows = Rows(await FirstAsync(query, mediator, http.RequestAborted), query, mediator, http.RequestAborted);
                // The options every JSON answer is written with, so that the file reads as the list does.
                var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                return TypedResults.Stream(stream => JsonSerializer.SerializeAsync(stream, rows, options, http.RequestAborted), "application/json",
                    "meetings.json");
            })
            .WithName("ExportPublicationsJson")
            .WithSummary("The same rows as export.csv, as one JSON array.")
            .Produces<IReadOnlyList<PublicationRow>>(StatusCodes.Status200OK, "application/json")
            .RequireAuthorization(Policies.Read);

        // Under the engagements' routes, so that an engagements:write scope allows them.
        var engagements = app.SecuredGroup(EngagementEndpoints.Route, Tag);
        engagements.MapPost("/{id:guid}/publication", async Task<Ok<EngagementResponse>> (Guid id, PublicationMark mark, IMediator mediator,
                HttpContext http) =>
                http.OkWithETag(await mediator.Send(new RecordPublication(id, ETags.RequiredVersion(http.Request), mark), http.RequestAborted)))
            .WithName("RecordPublication")
            .WithSummary("Mark a held engagement published, on a day and at a URL (again, to correct the mark); kept in its history. "
                + "If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 413, 428);
        engagements.MapDelete("/{id:guid}/publication", async Task<Ok<EngagementResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new RecordPublication(id, ETags.RequiredVersion(http.Request), null), http.RequestAborted)))
            .WithName("WithdrawPublication")
            .WithSummary("Withdraw a mistaken publication mark; the mark stays in the history. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);
        engagements.MapPost("/{id:guid}/publication/exemption", async Task<Ok<EngagementResponse>> (Guid id, PublicationExemption exemption,
                IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ExemptFromPublication(id, ETags.RequiredVersion(http.Request), exemption), http.RequestAborted)))
            .WithName("ExemptFromPublication")
            .WithSummary("Mark an engagement exempt from publishing (a spontaneous encounter, a legal or administrative procedure, a contract or "
                + "grant, social dialogue, a personal capacity), with the reason; kept in its history. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 413, 428);
        engagements.MapDelete("/{id:guid}/publication/exemption", async Task<Ok<EngagementResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new ExemptFromPublication(id, ETags.RequiredVersion(http.Request), null), http.RequestAborted)))
            .WithName("LiftPublicationExemption")
            .WithSummary("Lift an exemption from publishing; the exemption stays in the history. If-Match is required.")
            .RequireAuthorization(Policies.Write).ProducesProblems(404, 409, 412, 428);
    }

    /// <summary>The first page is read before the answer starts, so that a bad filter is a 400 rather than a broken stream.</summary>
    private static Task<Page<PublicationRow>> FirstAsync(PublicationFilters query, IMediator mediator, CancellationToken cancellationToken)
        => mediator.Send(new ExportPublications(query.Page(null, ExportPage)), cancellationToken);

    private static async IAsyncEnumerable<PublicationRow> Rows(Page<PublicationRow> page, PublicationFilters query, IMediator mediator,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var row in page.Items) yield return row;
            if (page.NextCursor is null) yield break;
            page = await mediator.Send(new ExportPublications(query.Page(page.NextCursor, ExportPage)), cancellationToken);
        }
    }

    private static async Task WriteCsvAsync(Stream stream, IAsyncEnumerable<PublicationRow> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await using var csv = CsvWriter.Create(writer, CsvTransfer.Writing, leaveOpen: false);
        csv.WriteHeader(PublicationRow.Columns);
        await foreach (var row in rows.WithCancellation(cancellationToken)) await csv.WriteRecordAsync(row.Cells(), cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }
}
