using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.TransparencyRegister;

public static class RegisterEndpoints
{
    public const string Route = "/api/transparency-register";

    /// <summary>The import's body limit unless TransparencyRegister:MaxImportBytes sets another: the register is some 100 MB.</summary>
    public const long MaxImportBytes = 256L * 1024 * 1024;

    public static void MapRegisterEndpoints(this IEndpointRouteBuilder app)
    {
        var register = app.SecuredGroup(Route, "Transparency register");
        var maxImportBytes = app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<long?>("TransparencyRegister:MaxImportBytes") ?? MaxImportBytes;

        register.MapPost("/imports", async Task<Ok<RegisterImportResponse>> (HttpRequest request, IMediator mediator) =>
            {
                if (!IsXml(request.ContentType))
                {
                    throw new BadHttpRequestException("Send the register file as application/xml or text/xml.", StatusCodes.Status415UnsupportedMediaType);
                }
                return TypedResults.Ok(await mediator.Send(new ImportRegister(request.Body), request.HttpContext.RequestAborted));
            })
            .WithName("ImportTransparencyRegister")
            .WithSummary("Import the Transparency Register's open-data XML: new and changed entries are written, entries the file lacks are no longer "
                + "listed from its date; the same file again changes nothing. A bad file is a 400 naming the element and line, and nothing of it is kept.")
            .Accepts<string>("application/xml", "text/xml")
            // Read as a stream, so the limit is the endpoint's own (TransparencyRegister:MaxImportBytes), not the API's.
            .WithMetadata(new RequestSizeLimitAttribute(maxImportBytes))
            .RequireAuthorization(Policies.Admin).ProducesProblems(409, 413, 415);

        register.MapGet("/", async Task<Ok<Page<RegisterEntryResponse>>> ([AsParameters] ListRegisterEntries query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListRegisterEntries").WithSummary("Search the Transparency Register as last imported, by name or acronym, in name order, one keyset page at a time.")
            .RequireAuthorization(Policies.Read).ProducesProblems(400);

        register.MapGet("/{identificationCode}", async Task<Ok<RegisterEntryResponse>> (string identificationCode, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(new GetRegisterEntry(identificationCode), http.RequestAborted)))
            .WithName("GetRegisterEntry").WithSummary("Read a register entry by its identification code, listed or not.")
            .RequireAuthorization(Policies.Read).ProducesProblems(404);
    }

    private static bool IsXml(string? contentType)
        => contentType is not null && (contentType.StartsWith("application/xml", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("text/xml", StringComparison.OrdinalIgnoreCase));
}
