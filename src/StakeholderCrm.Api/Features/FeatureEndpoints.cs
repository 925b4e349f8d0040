using StakeholderCrm.Api.Features.ApiKeys;
using StakeholderCrm.Api.Features.Bodies;
using StakeholderCrm.Api.Features.Briefings;
using StakeholderCrm.Api.Features.Changes;
using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.DataProtection;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Figures;
using StakeholderCrm.Api.Features.Memberships;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Features.Reports;
using StakeholderCrm.Api.Features.Search;
using StakeholderCrm.Api.Features.Topics;
using StakeholderCrm.Api.Features.TransparencyRegister;
using StakeholderCrm.Api.Features.Webhooks;

namespace StakeholderCrm.Api.Features;

/// <summary>The API's route table, one line per area, and the services an area adds to the infrastructure's.</summary>
public static class FeatureEndpoints
{
    public static WebApplicationBuilder AddStakeholderCrmFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddEngagements(builder.Configuration);
        builder.Services.AddPersonalDataProtection(builder.Configuration);
        builder.Services.AddWebhooks(builder.Configuration);
        return builder;
    }

    public static WebApplication MapStakeholderCrmEndpoints(this WebApplication app)
    {
        app.MapOrganisationEndpoints();
        app.MapContactEndpoints();
        app.MapTopicEndpoints();
        app.MapEngagementEndpoints();
        app.MapCommitmentEndpoints();
        app.MapBodyEndpoints();
        app.MapMembershipEndpoints();
        app.MapFigureEndpoints();
        app.MapBriefingEndpoints();
        app.MapChangeEndpoints();
        app.MapSearchEndpoints();
        app.MapRegisterEndpoints();
        app.MapPublicationEndpoints();
        app.MapDataProtectionEndpoints();
        app.MapReportEndpoints();
        app.MapApiKeyEndpoints();
        app.MapWebhookEndpoints();
        return app;
    }
}
