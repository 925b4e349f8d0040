using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Engagements;

public static class EngagementServices
{
    /// <summary>The unit's time zone and the policy on unregistered representatives (checked at start: a bad one stops the API), and the search words' frequencies.</summary>
    public static IServiceCollection AddEngagements(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SearchWordFrequency>();
        services.AddOptions<EngagementOptions>().Bind(configuration.GetSection(EngagementOptions.Section))
            .Validate(o => TimeZones.IsIana(o.TimeZone), "Engagements:TimeZone must be an IANA time-zone id, such as Europe/Brussels.")
            .ValidateOnStart();
        services.AddOptions<PublicationOptions>().Bind(configuration.GetSection(PublicationOptions.Section))
            .Validate(o => o.IsValid, "Publication:UnregisteredPolicy must be refuse or warn.")
            .ValidateOnStart();
        services.AddSingleton<PublicationCalendar>();
        services.AddScoped<PublicationMarks>();
        return services;
    }
}
