using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.DataProtection;

public static class DataProtectionEndpoints
{
    public const string Route = "/api/data-protection";
    private const string Tag = "Data protection";

    /// <summary>Not <c>AddDataProtection</c>: that name is ASP.NET Core's key ring.</summary>
    public static IServiceCollection AddPersonalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DataProtectionOptions>().Bind(configuration.GetSection(DataProtectionOptions.Section))
            .Validate(o => o.InactiveContactYears >= 1, "DataProtection:InactiveContactYears must be 1 or more.")
            .Validate(o => o.RetentionBatchSize is >= 1 and <= RetentionQueries.MaxCandidates,
                $"DataProtection:RetentionBatchSize must be 1 to {RetentionQueries.MaxCandidates}.")
            .ValidateOnStart();
        services.AddSingleton<PersonalDataInContract>();
        return services;
    }

    public static void MapDataProtectionEndpoints(this IEndpointRouteBuilder app)
    {
        var dataProtection = app.SecuredGroup(Route, Tag);
        // Any reader: Article 31(5) makes the record public, and it names no person.
        dataProtection.MapGet("/record", async Task<Ok<ProcessingRecord>> (IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(new GetProcessingRecord(), http.RequestAborted)))
            .WithName("GetProcessingRecord")
            .WithSummary("The record of processing activities (Article 31 of Regulation (EU) 2018/1725): controller, data protection officer, "
                + "purposes, categories of data subjects and of personal data (the fields this contract marks x-personal-data), recipients, "
                + "transfers, retention and security measures.")
            .RequireAuthorization(Policies.Read);
        dataProtection.MapGet("/retention", async Task<Ok<RetentionList>> (IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(new ListRetention(), http.RequestAborted)))
            .WithName("ListRetention")
            .WithSummary("The external contacts due for erasure: not at one of our own units now, not erased nor restricted, with no engagement "
                + "(took part, wrote or received), position date, commitment (made or owned) or creation in DataProtection:InactiveContactYears "
                + "years, each with its last activity; by name, at most 1000 (truncated says there are more). Admin only.")
            .RequireAuthorization(Policies.Admin);
        dataProtection.MapPost("/retention/apply", async Task<Ok<RetentionResult>> (bool? dryRun, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(new ApplyRetention(dryRun == true), http.RequestAborted)))
            .WithName("ApplyRetention")
            .WithSummary("Erase the contacts the retention list names, as an erasure does (free text listed, not redacted), each logged in the "
                + "requests about personal data with kind retention; dryRun=true erases nothing and answers what would be erased. "
                + "One transaction: a contact changed meanwhile is a 412 and nothing is erased. Admin only; also `dotnet run -- apply-retention [--dry-run]`.")
            .RequireAuthorization(Policies.Admin).ProducesProblems(412);

        var contacts = app.SecuredGroup(ContactEndpoints.Route, Tag);
        contacts.MapGet("/{id:guid}/personal-data", async Task<Ok<PersonalDataResponse>> (Guid id, IMediator mediator, HttpContext http) =>
            {
                var data = await mediator.Send(new GetPersonalData(id), http.RequestAborted);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"personal-data-{id}.json\"";
                return TypedResults.Ok(data);
            })
            .WithName("GetContactPersonalData")
            .WithSummary("Everything the system holds that names a person, as one downloadable JSON document, for a request for access (Article 17): "
                + "the contact, the engagements they took part in, wrote or received with their part in each, the commitments they made or own, "
                + "the history entries that hold their data and the requests about it. Admins, or a key with the scope personal-data:read (or :write); "
                + "sensitive engagements only for cleared callers, otherwise listed by id as withheld. The access is recorded.")
            .RequireAuthorization(Policies.PersonalData).ProducesProblems(404);

        contacts.MapPost("/{id:guid}/restriction", async Task<Ok<ContactResponse>> (Guid id, ContactRestriction restriction, IMediator mediator,
                HttpContext http) =>
                http.OkWithETag(await mediator.Send(new RestrictContact(id, ETags.RequiredVersion(http.Request), restriction), http.RequestAborted)))
            .WithName("RestrictContact")
            .WithSummary("Restrict the processing of a person's data (Article 20), with the reason: the contact is kept, but only admins see it "
                + "(lists, search, exports, briefings, reads by id and history answer as if it did not exist) and it cannot be changed until the "
                + "restriction is lifted. Logged with who and when. Admins, or a key with the scope personal-data:write; If-Match is required.")
            .RequireAuthorization(Policies.PersonalDataWrite).ProducesProblems(404, 409, 412, 413, 428);
        contacts.MapDelete("/{id:guid}/restriction", async Task<Ok<ContactResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new RestrictContact(id, ETags.RequiredVersion(http.Request), null), http.RequestAborted)))
            .WithName("LiftContactRestriction")
            .WithSummary("Lift the restriction of a person's data; logged with who and when. Admins, or a key with the scope "
                + "personal-data:write; If-Match is required.")
            .RequireAuthorization(Policies.PersonalDataWrite).ProducesProblems(404, 409, 412, 428);
        contacts.MapPost("/{id:guid}/erasure", async Task<Ok<ErasureResponse>> (Guid id, ErasureRequest request, IMediator mediator, HttpContext http) =>
            {
                var erased = await mediator.Send(new EraseContact(id, ETags.RequiredVersion(http.Request), request), http.RequestAborted);
                http.Response.Headers.ETag = ETags.For(erased.Contact.Version);
                return TypedResults.Ok(erased);
            })
            .WithName("EraseContact")
            .WithSummary("Erase a person, keeping the record (Article 19 of Regulation (EU) 2018/1725): the contact becomes \"Erased person\" and a "
                + "short reference, its e-mail, phone, notes and external ids are cleared, history snapshots and stored answers are scrubbed, and "
                + "the engagements and commitments naming it get a new version. Free text still naming the person is listed, or redacted with "
                + "redactFreeText; the reasons logged for the person hold \"[erased]\" in place of the erased values. Irreversible; admins, or a key "
                + "with the scope personal-data:write; If-Match is required.")
            .RequireAuthorization(Policies.PersonalDataWrite).ProducesProblems(404, 409, 412, 413, 428);
    }
}
