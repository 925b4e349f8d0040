using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Publications;

public enum UnregisteredPolicy { Refuse, Warn }

/// <summary>The <c>Publication</c> configuration section.</summary>
public sealed class PublicationOptions
{
    public const string Section = "Publication";

    /// <summary>
    /// What a planned or held engagement gets when covered staff meet an interest representative not registered on its
    /// date, without an override: refused with a 422 (the Interinstitutional Agreement's default), or accepted with warnings.
    /// </summary>
    public string UnregisteredPolicy { get; set; } = "refuse";

    public bool IsValid => ApiEnum<UnregisteredPolicy>.TryParse(UnregisteredPolicy, out _);
}

/// <summary>Today in the unit's time zone (what makes a meeting overdue) and the policy on unregistered representatives.</summary>
public sealed class PublicationCalendar(TimeProvider clock, IOptions<EngagementOptions> engagements, IOptions<PublicationOptions> options)
{
    public DateOnly Today => DateOnly.FromDateTime(TimeZones.Local(clock.GetUtcNow(), engagements.Value.TimeZone).DateTime);

    public UnregisteredPolicy Policy => ApiEnum<UnregisteredPolicy>.TryParse(options.Value.UnregisteredPolicy, out var policy) ? policy
        : UnregisteredPolicy.Refuse;
}
