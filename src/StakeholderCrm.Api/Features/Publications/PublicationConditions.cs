using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.Publications;

/// <summary>
/// <see cref="PublicationDuty"/>'s requirement and status in SQL over an engagement <c>e</c>, for the lists: fixed
/// fragments built from the enums, with the rules' dates as <c>@Rules2014</c> and <c>@Rules2025</c> and today as
/// <c>@OverdueBefore</c> (today less the 14 days). Each status is a condition of its own, walked in meeting-date order.
/// </summary>
internal static class PublicationConditions
{
    // The day each function is covered from, as one CASE: an OR of the rules' dates here lets SQLite (3.53) split the
    // walk of the meeting-date index into ranges and sort them, checking every engagement instead of a page's worth.
    private static readonly string CoveredFrom = "CASE cp.staff_function "
        + string.Concat(Enum.GetValues<StaffFunction>().Select(f => CoveredFunctions.CoveredFrom2014.Contains(f) ? $"WHEN '{Json.Name(f)}' THEN @Rules2014 "
            : CoveredFunctions.CoveredFrom2025.Contains(f) ? $"WHEN '{Json.Name(f)}' THEN @Rules2025 " : ""))
        + "END";

    public static readonly string Required = $"""
        e.kind IN ({Words(PublicationDuty.PublishedKinds)}) AND e.status = 'held' AND e.exemption_ground IS NULL
        AND EXISTS (SELECT 1 FROM engagement_participants cp WHERE cp.engagement_id = e.id AND cp.side = 'internal' AND cp.attended = 1
            AND e.meeting_date >= {CoveredFrom})
        AND EXISTS (SELECT 1 FROM engagement_organisations ro JOIN organisations o ON o.id = ro.organisation_id
            WHERE ro.engagement_id = e.id AND {InterestRepresentation.Expression} = 1)
        """;

    /// <summary>The list's order: overdue first, then pending, then published.</summary>
    public static readonly IReadOnlyList<PublicationStatus> Order = [PublicationStatus.Overdue, PublicationStatus.Pending, PublicationStatus.Published];

    /// <summary>The engagements of one status in the list: published ones whether required or not.</summary>
    public static string Of(PublicationStatus status) => status switch
    {
        PublicationStatus.Overdue => $"e.published_on IS NULL AND e.meeting_date < @OverdueBefore AND {Required}",
        PublicationStatus.Pending => $"e.published_on IS NULL AND e.meeting_date >= @OverdueBefore AND {Required}",
        PublicationStatus.Published => "e.published_on IS NOT NULL",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Engagements that need no publication are not listed."),
    };

    /// <summary>The status a listed row has by <see cref="Of"/>, read from the row itself, so that a cursor names the walk it came from.</summary>
    public static PublicationStatus StatusOf(EngagementResponse e, DateOnly today)
        => e.PublishedOn is not null ? PublicationStatus.Published
            : e.MeetingDate < today.AddDays(-PublicationDuty.DaysToPublish) ? PublicationStatus.Overdue
            : PublicationStatus.Pending;

    public static object Parameters(DateOnly today) => new
    {
        CoveredFunctions.Rules2014, CoveredFunctions.Rules2025, OverdueBefore = today.AddDays(-PublicationDuty.DaysToPublish),
    };

    private static string Words<TEnum>(IEnumerable<TEnum> values) where TEnum : struct, Enum
        => string.Join(", ", values.Select(v => $"'{Json.Name(v)}'"));
}
