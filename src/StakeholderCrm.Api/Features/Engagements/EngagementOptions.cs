namespace StakeholderCrm.Api.Features.Engagements;

/// <summary>The <c>Engagements</c> configuration section.</summary>
public sealed class EngagementOptions
{
    public const string Section = "Engagements";

    /// <summary>The unit's own time zone, an IANA id: an engagement recorded without one is in it.</summary>
    public string TimeZone { get; set; } = "Europe/Brussels";
}
