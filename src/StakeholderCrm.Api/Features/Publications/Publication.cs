using StakeholderCrm.Api.Infrastructure.OpenApi;

namespace StakeholderCrm.Api.Features.Publications;

public enum PublicationStatus { Pending, Overdue, Published, NotRequired }

/// <summary>The meetings the rules do not cover whatever the participants: an editor marks them with a reason.</summary>
public enum ExemptionGround { SpontaneousEncounter, LegalOrAdministrativeProcedure, ContractOrGrant, SocialDialogue, PersonalCapacity }

/// <summary>An editor's mark that the meeting is not one the rules cover.</summary>
public sealed record PublicationExemption
{
    [RequiredField] public ExemptionGround? Ground { get; init; }
    /// <summary>At most 1 000 characters; kept in the engagement's history.</summary>
    /// <example>Met by chance at the Digital Assembly reception; no agenda, nothing discussed beyond greetings</example>
    [RequiredField] public string? Reason { get; init; }
}

/// <summary>
/// The engagement's duty under the Commission's rules on publishing meetings with interest representatives (ADR 018):
/// derived from its kind, status, date, covered participants and the organisations met, and from the editor's marks.
/// </summary>
public sealed record Publication
{
    /// <summary>A meeting, call, video conference or visit that was held, where a participant in a covered function met an interest representative.</summary>
    public bool Required { get; init; }
    /// <summary>Who is covered and which organisations make it required, or why it is not, in words.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>The meeting's date in its own time zone plus 14 days.</summary>
    public DateOnly Deadline { get; init; }
    /// <summary>published once marked so; else notRequired, overdue after the deadline (today in the unit's time zone), or pending.</summary>
    public PublicationStatus Status { get; init; }
    public DateOnly? PublishedOn { get; init; }
    /// <example>https://ec.europa.eu/transparencyinitiative/meetings/meeting.do?host=2f5f2bd1-1e2b-4c55-a9a0-4b4bfc1d8ba1</example>
    public string? Url { get; init; }
    public PublicationExemption? Exemption { get; init; }
}

/// <summary>A rule the engagement breaks that was accepted, by an override with its reason or under the warn policy.</summary>
public sealed record EngagementWarning
{
    /// <example>unregisteredInterestRepresentative</example>
    public string Code { get; init; } = "";
    public string Message { get; init; } = "";
    public Guid OrganisationId { get; init; }
    public Guid ContactId { get; init; }
}
