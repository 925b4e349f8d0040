using StakeholderCrm.Api.Features.ApiKeys;
using StakeholderCrm.Api.Features.Organisations;

namespace StakeholderCrm.Api.Features;

/// <summary>The API's route table, one line per area.</summary>
public static class FeatureEndpoints
{
    public static WebApplication MapStakeholderCrmEndpoints(this WebApplication app)
    {
        app.MapOrganisationEndpoints();
        app.MapApiKeyEndpoints();
        return app;
    }
}
