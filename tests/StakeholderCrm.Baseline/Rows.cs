using System.Text.Json;
using System.Text.Json.Serialization;

namespace StakeholderCrm.Baseline;

// Ids and times stay the text SQLite holds; JSON columns are written as the JSON they are.
internal sealed record Organisation
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Kind { get; init; }
    public bool Internal { get; init; }
    public string? TransparencyRegisterId { get; init; }
    public string? Country { get; init; }
    public string? Website { get; init; }
    [JsonConverter(typeof(RawJson))] public string? Aliases { get; init; }
    public string? ParentId { get; init; }
    [JsonConverter(typeof(RawJson))] public string? Tags { get; init; }
    public string? Notes { get; init; }
    [JsonConverter(typeof(RawJson))] public string? ExternalIds { get; init; }
    public int Version { get; init; }
    public string? CreatedAt { get; init; }
    public string? UpdatedAt { get; init; }
    public bool Archived { get; init; }
}

internal sealed record EngagementSummary
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Kind { get; init; }
    public string? Status { get; init; }
    public string? StartsAt { get; init; }
    public string? EndsAt { get; init; }
    public string? Location { get; init; }
    public string? Confidentiality { get; init; }
    [JsonConverter(typeof(RawJson))] public string? ExternalIds { get; init; }
    public int Version { get; init; }
    public string? CreatedAt { get; init; }
    public string? UpdatedAt { get; init; }
    public bool Archived { get; init; }
    public List<OrganisationMet> Organisations { get; init; } = [];
}

internal sealed record Engagement
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Kind { get; init; }
    public string? Status { get; init; }
    public string? StartsAt { get; init; }
    public string? EndsAt { get; init; }
    public string? Location { get; init; }
    public string? Purpose { get; init; }
    public string? Summary { get; init; }
    public string? AuthorId { get; init; }
    public string? Confidentiality { get; init; }
    [JsonConverter(typeof(RawJson))] public string? ExternalIds { get; init; }
    public int Version { get; init; }
    public string? CreatedAt { get; init; }
    public string? UpdatedAt { get; init; }
    public bool Archived { get; init; }
    public List<OrganisationMet> Organisations { get; init; } = [];
    public List<Participant> Participants { get; init; } = [];
    public List<TopicRef> Topics { get; init; } = [];
    public List<KeyPoint> KeyPoints { get; init; } = [];
    public List<Link> Links { get; init; } = [];
    public List<Recipient> Distribution { get; init; } = [];
    public Author? Author { get; init; }
}

internal sealed record OrganisationMet
{
    public string? EngagementId { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public bool Archived { get; init; }
}

internal sealed record Participant
{
    public string? EngagementId { get; init; }
    public string? ContactId { get; init; }
    public string? Side { get; init; }
    public string? Role { get; init; }
    public bool Attended { get; init; }
    public string? FullName { get; init; }
    public string? Title { get; init; }
    public string? OrganisationId { get; init; }
    public string? OrganisationName { get; init; }
    public bool Archived { get; init; }
}

internal sealed record TopicRef
{
    public string? EngagementId { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public bool Archived { get; init; }
}

internal sealed record KeyPoint
{
    public string? EngagementId { get; init; }
    public string? Section { get; init; }
    public string? Text { get; init; }
}

internal sealed record Link
{
    public string? EngagementId { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }
}

internal sealed record Recipient
{
    public string? EngagementId { get; init; }
    public string? ContactId { get; init; }
    public string? Kind { get; init; }
    public string? FullName { get; init; }
    public bool Archived { get; init; }
}

internal sealed record Author
{
    public string? EngagementId { get; init; }
    public string? Id { get; init; }
    public string? FullName { get; init; }
    public bool Archived { get; init; }
}

internal sealed record Commitment
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Direction { get; init; }
    public string? OrganisationId { get; init; }
    public string? MadeInEngagementId { get; init; }
    public string? CommittedById { get; init; }
    public string? OwnerId { get; init; }
    public string? Category { get; init; }
    public string? DueDate { get; init; }
    public string? TargetEvent { get; init; }
    [JsonConverter(typeof(RawJson))] public string? TopicIds { get; init; }
    [JsonConverter(typeof(RawJson))] public string? ExternalIds { get; init; }
    public string? Status { get; init; }
    public int Version { get; init; }
    public string? CreatedAt { get; init; }
    public string? UpdatedAt { get; init; }
    public bool Archived { get; init; }
    public List<Transition> History { get; init; } = [];
}

internal sealed record Transition
{
    public string? CommitmentId { get; init; }
    public string? OccurredAt { get; init; }
    public string? Actor { get; init; }
    public string? FromStatus { get; init; }
    public string? ToStatus { get; init; }
    public string? Note { get; init; }
    public string? EvidenceEngagementId { get; init; }
    public string? EvidenceUrl { get; init; }
    public string? EvidenceNote { get; init; }
}

internal sealed record Membership
{
    public string? Id { get; init; }
    public string? OrganisationId { get; init; }
    public string? OrganisationName { get; init; }
    public string? BodyId { get; init; }
    public string? BodyName { get; init; }
    public string? Status { get; init; }
    public string? Since { get; init; }
    public string? Until { get; init; }
    public string? SourceEngagementId { get; init; }
    public string? Notes { get; init; }
    public int Version { get; init; }
    public string? CreatedAt { get; init; }
    public string? UpdatedAt { get; init; }
    public bool Archived { get; init; }
    public List<MembershipChange> History { get; init; } = [];
}

internal sealed record MembershipChange
{
    public string? MembershipId { get; init; }
    public string? Status { get; init; }
    public string? OnDate { get; init; }
    public string? Note { get; init; }
    public string? Actor { get; init; }
    public string? OccurredAt { get; init; }
}

internal sealed record Figure
{
    public string? FigureId { get; init; }
    public string? Metric { get; init; }
    public string? Unit { get; init; }
    public string? Scope { get; init; }
    public string? ObservedOn { get; init; }
    public string? Value { get; init; }
}

internal sealed record Representative
{
    public string? ContactId { get; init; }
    public string? FullName { get; init; }
    public string? Title { get; init; }
    public string? Email { get; init; }
}

internal sealed record TopicCount
{
    public string? TopicId { get; init; }
    public string? Name { get; init; }
    public int Engagements { get; init; }
}

internal sealed record Change
{
    public long Position { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public string? Operation { get; init; }
    public int Version { get; init; }
    public string? Actor { get; init; }
    public string? OccurredAt { get; init; }
    [JsonConverter(typeof(RawJson))] public string? Data { get; init; }
}

internal sealed class RawJson : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteRawValue(value, skipInputValidation: true);
}
