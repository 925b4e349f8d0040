namespace StakeholderCrm.Tests.TestSupport;

// What tests send to create or change a resource, as a client writes it: ids, dates and enum values are the strings on
// the wire, so a test can also send a well-formed value the API must refuse (a kind of "lunch", a date of "28/06/2021").
// Fields left null are not sent. Defaults are the fewest fields the API accepts.

public sealed record ExternalIdBody(string System, string Id);

public sealed record NewOrganisation(string Name)
{
    public string? Kind { get; init; } = "company";
    public bool? Internal { get; init; }
    public string? TransparencyRegisterId { get; init; }
    public string? Country { get; init; }
    public string? Website { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }
    public string? ParentId { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public string? Notes { get; init; }
    public IReadOnlyList<ExternalIdBody>? ExternalIds { get; init; }
    public object? InterestRepresentativeOverride { get; init; }

    /// <summary>A unit of our own administration, such as a cabinet or a directorate-general.</summary>
    public static NewOrganisation OwnUnit(string name) => new(name) { Kind = "euInstitution", Internal = true };
}

public sealed record NewPosition(string OrganisationId)
{
    public string? Title { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Function { get; init; }
    public bool? PublicFacing { get; init; }
}

public sealed record NewContact(string FullName)
{
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Notes { get; init; }
    public IReadOnlyList<NewPosition>? Positions { get; init; }
    public IReadOnlyList<ExternalIdBody>? ExternalIds { get; init; }
}

public sealed record NewTopic(string Name)
{
    public string? ParentId { get; init; }
    public string? Description { get; init; }
}

public sealed record NewParticipant(string ContactId)
{
    public string? Side { get; init; }
    public string? Role { get; init; }
    public bool? Attended { get; init; }
}

public sealed record NewKeyPoint(string Section, string Text);

public sealed record NewLink(string Url, string? Title = null);

public sealed record NewRecipient(string ContactId, string Kind = "to");

public sealed record NewEngagement(string Title, string StartsAt)
{
    public string? Kind { get; init; } = "meeting";
    public string? Status { get; init; } = "held";
    public string? EndsAt { get; init; }
    public string? TimeZone { get; init; }
    public string? Location { get; init; }
    public IReadOnlyList<string>? OrganisationIds { get; init; }
    public IReadOnlyList<NewParticipant>? Participants { get; init; }
    public IReadOnlyList<string>? TopicIds { get; init; }
    public string? Purpose { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<NewKeyPoint>? KeyPoints { get; init; }
    public IReadOnlyList<NewLink>? Links { get; init; }
    public string? AuthorId { get; init; }
    public IReadOnlyList<NewRecipient>? Distribution { get; init; }
    public string? Confidentiality { get; init; }
    public IReadOnlyList<ExternalIdBody>? ExternalIds { get; init; }
    public object? UnregisteredOverride { get; init; }
}

public sealed record NewCommitment(string Title, string OrganisationId)
{
    public string? Direction { get; init; } = "theirs";
    public string? Category { get; init; }
    public string? Status { get; init; }
    public string? Description { get; init; }
    public string? MadeInEngagementId { get; init; }
    public string? CommittedById { get; init; }
    public string? OwnerId { get; init; }
    public string? DueDate { get; init; }
    public string? TargetEvent { get; init; }
    public IReadOnlyList<string>? TopicIds { get; init; }
    public IReadOnlyList<ExternalIdBody>? ExternalIds { get; init; }
}

public sealed record EvidenceBody
{
    public string? EngagementId { get; init; }
    public string? Url { get; init; }
    public string? Note { get; init; }
}

/// <summary>A step in a commitment's or a membership's lifecycle.</summary>
public sealed record Transition(string To)
{
    public string? Note { get; init; }
    public EvidenceBody? Evidence { get; init; }
    /// <summary>The day a membership's status changed.</summary>
    public string? On { get; init; }
}

public sealed record NewBody(string Name, string Kind)
{
    public string? ConvenerId { get; init; }
    public string? Website { get; init; }
    public string? Description { get; init; }
}

public sealed record NewMembership(string OrganisationId, string BodyId, string Status)
{
    public string? Since { get; init; }
    public string? Until { get; init; }
    public string? SourceEngagementId { get; init; }
    public string? Notes { get; init; }
}

public sealed record NewFigure(string OrganisationId, string Metric, decimal Value, string Unit)
{
    public string? Scope { get; init; }
    public string? PeriodStart { get; init; }
    public string? PeriodEnd { get; init; }
    public string? AsOf { get; init; }
    public string? SourceEngagementId { get; init; }
    public string? StatedById { get; init; }
    public string? Note { get; init; }
}

public sealed record NewApiKey(string Name, string Role)
{
    public IReadOnlyList<string>? Scopes { get; init; }
    public bool? Cleared { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}
