using System.Globalization;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;

namespace StakeholderCrm.Api.Features.Publications;

/// <summary>
/// The rules of ADR 018 over one engagement as read: whether it must be published and why, and which covered participants
/// met an interest representative that was not registered that day. <see cref="PublicationConditions"/> states the
/// same requirement in SQL for the lists; a test holds the two to each other.
/// </summary>
public static class PublicationDuty
{
    public const int DaysToPublish = 14;

    public static readonly IReadOnlyList<EngagementKind> PublishedKinds =
        [EngagementKind.Meeting, EngagementKind.Call, EngagementKind.VideoConference, EngagementKind.Visit];

    public const string UnregisteredCode = "unregisteredInterestRepresentative";

    public static Publication Of(EngagementResponse engagement, DateOnly today)
    {
        var deadline = engagement.MeetingDate.AddDays(DaysToPublish);
        var exemption = engagement.ExemptionGround is { } ground
            ? new PublicationExemption { Ground = ground, Reason = engagement.ExemptionReason }
            : null;
        var reasons = new List<string>();
        var required = IsRequired(engagement, exemption, reasons);
        var status = engagement.PublishedOn is not null ? PublicationStatus.Published
            : !required ? PublicationStatus.NotRequired
            : today > deadline ? PublicationStatus.Overdue
            : PublicationStatus.Pending;
        return new Publication
        {
            Required = required, Reasons = reasons, Deadline = deadline, Status = status,
            PublishedOn = engagement.PublishedOn, Url = engagement.PublicationUrl, Exemption = exemption,
        };
    }

    /// <summary>
    /// Each covered participant who meets an interest representative not registered on the engagement's date, in a
    /// meeting of a kind the rules publish (a letter or a conference is not a meeting), not cancelled and not exempt.
    /// </summary>
    public static IReadOnlyList<EngagementWarning> UnregisteredMeetings(EngagementResponse engagement)
    {
        if (engagement.Status == EngagementStatus.Cancelled || !PublishedKinds.Contains(engagement.Kind) || engagement.ExemptionGround is not null)
        {
            return [];
        }
        var unregistered = engagement.Organisations.Where(o => o.InterestRepresentative && !o.RegisteredThatDay).ToList();
        if (unregistered.Count == 0) return [];
        return Meeting(engagement).SelectMany(p => unregistered.Select(o => new EngagementWarning
        {
            Code = UnregisteredCode, OrganisationId = o.Id, ContactId = p.ContactId,
            Message = $"On {Day(engagement.MeetingDate)}, {p.FullName} ({Describe(p.StaffFunction!.Value)}) meets {o.Name}, an interest representative "
                + (o.TransparencyRegisterId is null ? "without a Transparency Register identification number."
                    : $"not in the Transparency Register that day ({o.TransparencyRegisterId})."),
        })).ToList();
    }

    /// <summary>Our participants in a covered function on the day who attended: those whose meeting is published.</summary>
    public static IEnumerable<Participant> CoveredAttendees(EngagementResponse engagement)
        => Covered(engagement).Where(p => p.Attended == true);

    /// <summary>Our participants in a covered function who meet the other side: attending, or expected at a planned engagement.</summary>
    private static IEnumerable<Participant> Meeting(EngagementResponse engagement)
        => engagement.Status == EngagementStatus.Planned ? Covered(engagement) : CoveredAttendees(engagement);

    private static IEnumerable<Participant> Covered(EngagementResponse engagement)
        => engagement.Participants.Where(p => p.Side == Side.Internal && CoveredFunctions.IsCovered(p.StaffFunction, engagement.MeetingDate));

    private static bool IsRequired(EngagementResponse engagement, PublicationExemption? exemption, List<string> reasons)
    {
        var day = Day(engagement.MeetingDate);
        var rules = CoveredFunctions.RulesOn(engagement.MeetingDate);
        if (!PublishedKinds.Contains(engagement.Kind))
        {
            reasons.Add($"Its kind, {Words(engagement.Kind).Trim()}, is not a meeting, call, video conference or visit.");
            return false;
        }
        if (engagement.Status != EngagementStatus.Held)
        {
            reasons.Add($"It is {Words(engagement.Status).Trim()}, not held.");
            return false;
        }
        var covered = CoveredAttendees(engagement).ToList();
        var representatives = engagement.Organisations.Where(o => o.InterestRepresentative).ToList();
        if (covered.Count == 0) reasons.Add($"None of our participants held a function covered on {day} by {rules}.");
        foreach (var participant in covered)
        {
            reasons.Add($"{participant.FullName} was {Article(participant.StaffFunction!.Value)} on {day}, covered by {rules}.");
        }
        if (representatives.Count == 0)
        {
            reasons.Add(engagement.Organisations.Count == 0 ? "No organisation was met."
                : $"No organisation met is an interest representative: {string.Join(", ", engagement.Organisations.Select(o => o.Name))}.");
        }
        foreach (var organisation in representatives) reasons.Add($"{organisation.Name} is an interest representative.");
        if (exemption is not null)
        {
            reasons.Add($"Exempt as {Words(exemption.Ground!.Value)}: {exemption.Reason}");
            return false;
        }
        return covered.Count > 0 && representatives.Count > 0;
    }

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A function in words: cabinetMember → cabinet member; member → Member of the Commission.</summary>
    public static string Describe(StaffFunction function) => function == StaffFunction.Member ? "Member of the Commission" : Words(function);

    private static string Article(StaffFunction function) => function == StaffFunction.Member ? "a Member of the Commission" : $"a {Words(function)}";

    private static string Words<TEnum>(TEnum value) where TEnum : struct, Enum
        => string.Concat(Infrastructure.Http.Json.Name(value).Select(c => char.IsUpper(c) ? $" {char.ToLowerInvariant(c)}" : c.ToString()));
}
