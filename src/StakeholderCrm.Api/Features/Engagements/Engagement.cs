using System.Text.Json.Serialization;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Engagements;

public enum EngagementKind { Meeting, Call, VideoConference, Visit, Workshop, Conference, Correspondence, Other }
public enum EngagementStatus { Planned, Held, Cancelled }
public enum Side { Internal, External }
public enum KeyPointSection { KeyPoint, Detail, Position, Conclusion }
public enum DistributionKind { To, Cc }
public enum Confidentiality { Public, Internal, Sensitive }

/// <summary>Someone who took part: <c>side</c> is derived from their organisation when omitted.</summary>
public record ParticipantFields
{
    [RequiredField] public Guid ContactId { get; init; }
    [Defaulted] public Side? Side { get; init; }
    /// <summary>Free text, e.g. chair, note-taker.</summary>
    public string? Role { get; init; }
    /// <summary>Defaults to true for a held engagement, false otherwise; a planned one cannot have attendees yet.</summary>
    [Defaulted] public bool? Attended { get; init; }
}

/// <summary>One item of the report: its "Key points", "Details", a party's position or a conclusion, in order.</summary>
public sealed record KeyPoint
{
    [RequiredField] public string? Text { get; init; }
    [RequiredField] public KeyPointSection? Section { get; init; }
}

/// <summary>Why covered staff met an interest representative that was not in the Transparency Register that day.</summary>
public sealed record UnregisteredOverride
{
    /// <summary>At most 1 000 characters; kept in the engagement's history.</summary>
    /// <example>Registration pending: confirmed by the register secretariat on 25 June 2021</example>
    [RequiredField] public string? Reason { get; init; }
}

public sealed record Link
{
    /// <example>https://newsroom.tiktok.com/en-gb/tiktok-launches-eu-transparency-and-accountability-centre</example>
    [RequiredField] public string? Url { get; init; }
    public string? Title { get; init; }
}

public record DistributionFields
{
    [RequiredField] public Guid ContactId { get; init; }
    [RequiredField] public DistributionKind? Kind { get; init; }
}

/// <summary>A meeting, call, visit or workshop with stakeholders, as its report records it.</summary>
public record EngagementFields : IHasExternalIds
{
    /// <example>Meeting with TikTok</example>
    [RequiredField] public string? Title { get; init; }
    [RequiredField] public EngagementKind? Kind { get; init; }
    [RequiredField] public EngagementStatus? Status { get; init; }
    /// <summary>Start, with its UTC offset.</summary>
    [RequiredField] public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    /// <summary>The IANA time-zone id its times are read in; left out on create, the unit's own zone; a replace that leaves it out keeps it.</summary>
    /// <example>Europe/Brussels</example>
    [Defaulted, System.ComponentModel.DataAnnotations.MaxLength(64)] public string? TimeZone { get; init; }
    /// <example>Videoconference</example>
    public string? Location { get; init; }
    /// <summary>The external organisations met; at least one.</summary>
    [RequiredField] public IReadOnlyList<Guid> OrganisationIds { get; init; } = [];
    public IReadOnlyList<ParticipantFields> Participants { get; init; } = [];
    public IReadOnlyList<Guid> TopicIds { get; init; } = [];
    public string? Purpose { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<KeyPoint> KeyPoints { get; init; } = [];
    public IReadOnlyList<Link> Links { get; init; } = [];
    /// <summary>The contact who wrote the report.</summary>
    public Guid? AuthorId { get; init; }
    /// <summary>Who the report went to (To) and was copied to (Cc).</summary>
    public IReadOnlyList<DistributionFields> Distribution { get; init; } = [];
    /// <summary>Left out on create, internal; a replace that leaves it out keeps it.</summary>
    [Defaulted] public Confidentiality? Confidentiality { get; init; }
    /// <summary>Ids other systems know it by, each unique per system.</summary>
    public IReadOnlyList<ExternalId> ExternalIds { get; init; } = [];
    /// <summary>
    /// Accepts a planned or held engagement in which covered staff meet an interest representative not registered on its
    /// date, which is otherwise refused (Publication:UnregisteredPolicy); the reason is kept in its history.
    /// </summary>
    public UnregisteredOverride? UnregisteredOverride { get; init; }

    /// <summary>Every contact the record names: participants, recipients and its author.</summary>
    public IEnumerable<Guid> ContactIds() => Participants.Select(p => p.ContactId).Concat(Distribution.Select(d => d.ContactId))
        .Concat(AuthorId is { } author ? [author] : []);
}

public sealed record OrganisationMet
{
    [JsonIgnore] public Guid EngagementId { get; init; }
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    /// <summary>Whether it is an interest representative, as its kind or an editor's override says today.</summary>
    public bool InterestRepresentative { get; init; }
    /// <example>738079914736-85</example>
    public string? TransparencyRegisterId { get; init; }
    /// <summary>
    /// Whether it was registered on the engagement's date: a well-formed identification code and, once a register was
    /// imported, an entry listed that day.
    /// </summary>
    public bool RegisteredThatDay { get; init; }
    public bool Archived { get; init; }
}

public sealed record TopicRef
{
    [JsonIgnore] public Guid EngagementId { get; init; }
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public bool Archived { get; init; }
}

/// <summary>A participant as recorded: their title, organisation and function as they were on the engagement's date.</summary>
public sealed record Participant : ParticipantFields
{
    [JsonIgnore] public Guid EngagementId { get; init; }
    [PersonalData] public string FullName { get; init; } = "";
    [PersonalData] public string? Title { get; init; }
    public Guid? OrganisationId { get; init; }
    public string? OrganisationName { get; init; }
    /// <summary>The function one of our own staff held that day (their position's); null for others and when not recorded.</summary>
    [JsonPropertyName("function")] public StaffFunction? StaffFunction { get; init; }
    /// <summary>True when the contact has since been archived.</summary>
    public bool Archived { get; init; }
    [JsonIgnore] public bool Restricted { get; init; }
}

public sealed record Recipient : DistributionFields
{
    [JsonIgnore] public Guid EngagementId { get; init; }
    [PersonalData] public string FullName { get; init; } = "";
    public bool Archived { get; init; }
    [JsonIgnore] public bool Restricted { get; init; }
}

public sealed record ContactRef
{
    public Guid Id { get; init; }
    [PersonalData] public string FullName { get; init; } = "";
    public bool Archived { get; init; }
    [JsonIgnore] public bool Restricted { get; init; }
}

/// <summary>What a list row and a full engagement both have: the keyset sorts on these.</summary>
public interface IEngagementRow : IArchivable
{
    DateTimeOffset StartsAt { get; }
    DateTimeOffset UpdatedAt { get; }
}

/// <summary>An engagement in a list: what it was, when, and with whom; GET it by id for participants, key points and the rest.</summary>
public sealed record EngagementSummary : IEngagementRow
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public EngagementKind Kind { get; init; }
    public EngagementStatus Status { get; init; }
    /// <summary>The start as a UTC instant: what sorting, cursors and the from/to filters use.</summary>
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    /// <example>Europe/Brussels</example>
    public string TimeZone { get; init; } = "";
    /// <summary>The start as the clock read in <c>timeZone</c> that day.</summary>
    public DateTimeOffset LocalStartsAt => TimeZones.Local(StartsAt, TimeZone);
    /// <summary>The end as the clock read in <c>timeZone</c>; null without an end.</summary>
    public DateTimeOffset? LocalEndsAt => EndsAt is { } end ? TimeZones.Local(end, TimeZone) : null;
    public string? Location { get; init; }
    public IReadOnlyList<OrganisationMet> Organisations { get; init; } = [];
    public Confidentiality Confidentiality { get; init; }
    public IReadOnlyList<ExternalId> ExternalIds { get; init; } = [];
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool Archived { get; init; }
}

public sealed record EngagementResponse : IEngagementRow
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public EngagementKind Kind { get; init; }
    public EngagementStatus Status { get; init; }
    /// <summary>The start as a UTC instant: what sorting, cursors and the from/to filters use.</summary>
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    /// <example>Europe/Brussels</example>
    public string TimeZone { get; init; } = "";
    /// <summary>The start as the clock read in <c>timeZone</c> that day.</summary>
    public DateTimeOffset LocalStartsAt => TimeZones.Local(StartsAt, TimeZone);
    /// <summary>The end as the clock read in <c>timeZone</c>; null without an end.</summary>
    public DateTimeOffset? LocalEndsAt => EndsAt is { } end ? TimeZones.Local(end, TimeZone) : null;
    public string? Location { get; init; }
    public IReadOnlyList<Guid> OrganisationIds => Organisations.Select(o => o.Id).ToList();
    public IReadOnlyList<OrganisationMet> Organisations { get; init; } = [];
    public IReadOnlyList<Participant> Participants { get; init; } = [];
    public IReadOnlyList<Guid> TopicIds => Topics.Select(t => t.Id).ToList();
    public IReadOnlyList<TopicRef> Topics { get; init; } = [];
    public string? Purpose { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<KeyPoint> KeyPoints { get; init; } = [];
    public IReadOnlyList<Link> Links { get; init; } = [];
    public Guid? AuthorId { get; init; }
    public ContactRef? Author { get; init; }
    public IReadOnlyList<Recipient> Distribution { get; init; } = [];
    public Confidentiality Confidentiality { get; init; }
    public IReadOnlyList<ExternalId> ExternalIds { get; init; } = [];
    public UnregisteredOverride? UnregisteredOverride => UnregisteredOverrideReason is { } reason ? new UnregisteredOverride { Reason = reason } : null;
    /// <summary>Whether the Commission's rules require publishing it, by when, and whether it was (derived; see GET /api/publications).</summary>
    public Publication Publication { get; init; } = new();
    /// <summary>Rules it breaks that were accepted: a covered participant meeting an unregistered interest representative.</summary>
    public IReadOnlyList<EngagementWarning> Warnings { get; init; } = [];
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool Archived { get; init; }

    /// <summary>The day it started, in its own time zone.</summary>
    [JsonIgnore] public DateOnly MeetingDate { get; init; }
    [JsonIgnore] public string? UnregisteredOverrideReason { get; init; }
    [JsonIgnore] public DateOnly? PublishedOn { get; init; }
    [JsonIgnore] public string? PublicationUrl { get; init; }
    [JsonIgnore] public ExemptionGround? ExemptionGround { get; init; }
    [JsonIgnore] public string? ExemptionReason { get; init; }

    /// <summary>The editable fields, the target a merge patch applies to.</summary>
    public EngagementFields ToFields() => new()
    {
        Title = Title, Kind = Kind, Status = Status, StartsAt = StartsAt, EndsAt = EndsAt, TimeZone = TimeZone, Location = Location,
        OrganisationIds = OrganisationIds,
        Participants = Participants.Select(p => new ParticipantFields { ContactId = p.ContactId, Side = p.Side, Role = p.Role, Attended = p.Attended })
            .ToList(),
        TopicIds = TopicIds, Purpose = Purpose, Summary = Summary, KeyPoints = KeyPoints, Links = Links, AuthorId = AuthorId,
        Distribution = Distribution.Select(d => new DistributionFields { ContactId = d.ContactId, Kind = d.Kind }).ToList(),
        Confidentiality = Confidentiality,
        ExternalIds = ExternalIds,
        UnregisteredOverride = UnregisteredOverride,
    };
}
