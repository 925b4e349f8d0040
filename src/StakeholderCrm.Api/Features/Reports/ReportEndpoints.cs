using System.Text;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Reports;

public static class ReportEndpoints
{
    private const string Tag = "Reports";

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        // Under the engagements' routes, so that an engagements:read scope allows it.
        var reports = app.SecuredGroup(EngagementEndpoints.Route, Tag);
        reports.MapGet("/{id:guid}/report", async Task<FileContentHttpResult> (Guid id, [AsParameters] ReportParameters parameters, IMediator mediator,
                HttpContext http) =>
            {
                var format = parameters.Format ?? Negotiate(http.Request);
                var report = await mediator.Send(new GetEngagementReport(id, format, parameters.Release), http.RequestAborted);
                return format == ReportFormats.Docx
                    ? TypedResults.File(WordReport.Render(report), WordReport.MediaType, $"{report.FileName}.docx")
                    : TypedResults.File(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(MarkdownReport.Render(report)),
                        $"{MarkdownReport.MediaType}; charset=utf-8", $"{report.FileName}.md");
            })
            .WithName("GetEngagementReport")
            .WithSummary("The engagement as the report its author sends: To and Cc, sender, subject, who met whom, key points, details and "
                + "links; as Markdown, or as a Word document (format=docx or Accept). release=public gives the copy released on an "
                + "access-to-documents request: only the names of management, cabinet and public-facing people are kept.")
            .Produces<string>(StatusCodes.Status200OK, MarkdownReport.MediaType, WordReport.MediaType)
            .RequireAuthorization(Policies.Read).ProducesProblems(404, 409);
    }

    /// <summary>The Word document when Accept prefers it to Markdown; Markdown otherwise, whatever else Accept lists.</summary>
    private static string Negotiate(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)) return ReportFormats.Markdown;
        double Quality(string mediaType) => accepted.Where(a => new MediaTypeHeaderValue(mediaType).IsSubsetOf(a))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        return Quality(WordReport.MediaType) > Quality(MarkdownReport.MediaType) ? ReportFormats.Docx : ReportFormats.Markdown;
    }
}
