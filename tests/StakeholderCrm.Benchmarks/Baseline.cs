using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using StakeholderCrm.Api.Features.Briefings;
using StakeholderCrm.Api.Features.Changes;
using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Infrastructure;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Benchmarks;

/// <summary>
/// The bare baseline: the same SQL through the same Dapper calls (the handlers, called directly), without MediatR,
/// validation, authentication, rate limits or problem details. Never part of the product.
/// </summary>
public static class Baseline
{
    public static async Task RunAsync(string database, string url)
    {
        // As in the API: settings read once, so no watcher wakes on every page the database writes below the content root.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        builder.Configuration["ConnectionStrings:Crm"] = $"Data Source={database}";
        builder.Services.AddCrmDatabase(builder.Configuration);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<JsonOptions>(o => Json.Configure(o.SerializerOptions));
        var app = builder.Build();
        // The API's benchmark key is cleared for sensitive records; the baseline reads as the same caller would.
        var cleared = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(StakeholderCrm.Api.Infrastructure.Auth.CrmClaims.Clearance, StakeholderCrm.Api.Infrastructure.Auth.CrmClaims.Sensitive)], "baseline"));
        app.Use((context, next) =>
        {
            context.User = cleared;
            return next(context);
        });

        app.MapGet("/baseline/organisations/{id:guid}", async (Guid id, DbSession s, CancellationToken ct)
            => Results.Ok(await new GetOrganisationHandler(s).Handle(new GetOrganisation(id), ct)));
        var frequency = new SearchWordFrequency();
        app.MapGet("/baseline/engagements", async (Guid? organisationId, string? q, DbSession s, CancellationToken ct)
            => Results.Ok(await new ListEngagementsHandler(s, frequency, Caller.System).Handle(new ListEngagements { OrganisationId = organisationId, Q = q, Limit = 50 }, ct)));
        app.MapGet("/baseline/commitments", async (DbSession s, TimeProvider clock, CancellationToken ct)
            => Results.Ok(await new ListCommitmentsHandler(s, clock, Caller.System).Handle(new ListCommitments { Overdue = true, Limit = 50 }, ct)));
        app.MapGet("/baseline/organisations/{id:guid}/briefing", async (Guid id, DbSession s, TimeProvider clock, CancellationToken ct)
            => Results.Ok(await new GetOrganisationBriefingHandler(s, clock, Caller.System).Handle(new GetOrganisationBriefing(id), ct)));
        app.MapGet("/baseline/changes", async (DbSession s, IHttpContextAccessor http, CancellationToken ct)
            => Results.Ok(await new ListChangesHandler(s, Caller.System).Handle(new ListChanges { After = "0", Limit = 500 }, ct)));
        await app.RunAsync();
    }
}
