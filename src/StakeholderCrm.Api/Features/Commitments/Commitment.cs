using FluentValidation;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Commitments;

public enum CommitmentDirection { Theirs, Ours }
public enum CommitmentCategory { Membership, Presentation, Visit, Workshop, Report, PolicyChange, DataSharing, Other }
public enum CommitmentStatus { Proposed, Open, InProgress, Fulfilled, Withdrawn, Lapsed }

/// <summary>What was promised, by whom, by when: one side's undertaking made to the other.</summary>
public record CommitmentFields : IHasExternalIds
{
    /// <example>Present TikTok's activities at the Senior Officials Meeting</example>
    [RequiredField] public string? Title { get; init; }
    public string? Description { get; init; }
    /// <summary>theirs: the organisation committed to us; ours: we committed to them.</summary>
    [RequiredField] public CommitmentDirection? Direction { get; init; }
    [RequiredField] public Guid? OrganisationId { get; init; }
    /// <summary>The engagement where the commitment was made.</summary>
    public Guid? MadeInEngagementId { get; init; }
    /// <summary>The contact who made it.</summary>
    public Guid? CommittedById { get; init; }
    /// <summary>Our contact who follows it up.</summary>
    public Guid? OwnerId { get; init; }
    [RequiredField] public CommitmentCategory? Category { get; init; }
    public DateOnly? DueDate { get; init; }
    /// <example>Senior Officials Meeting, November 2021</example>
    public string? TargetEvent { get; init; }
    public IReadOnlyList<Guid> TopicIds { get; init; } = [];
    /// <summary>Ids other systems know it by, each unique per system.</summary>
    public IReadOnlyList<ExternalId> ExternalIds { get; init; } = [];
}

public sealed record Evidence
{
    /// <summary>A later engagement that shows the commitment kept (or not).</summary>
    public Guid? EngagementId { get; init; }
    public string? Url { get; init; }
    public string? Note { get; init; }
}

public sealed record CommitmentTransition
{
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    /// <summary>Null for the status it was recorded with.</summary>
    public CommitmentStatus? From { get; init; }
    public CommitmentStatus To { get; init; }
    public string? Note { get; init; }
    public Evidence? Evidence { get; init; }
}

public sealed record CommitmentResponse : CommitmentFields, IArchivable
{
    public Guid Id { get; init; }
    public CommitmentStatus Status { get; init; }
    /// <summary>Due date passed and still proposed, open or in progress.</summary>
    public bool Overdue { get; init; }
    public IReadOnlyList<CommitmentTransition> History { get; init; } = [];
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool Archived { get; init; }
}

/// <summary>proposed → open → inProgress → fulfilled | withdrawn | lapsed; lapsed may reopen.</summary>
public static class CommitmentLifecycle
{
    public static readonly IReadOnlyDictionary<CommitmentStatus, CommitmentStatus[]> Allowed = new Dictionary<CommitmentStatus, CommitmentStatus[]>
    {
        [CommitmentStatus.Proposed] = [CommitmentStatus.Open, CommitmentStatus.Withdrawn],
        [CommitmentStatus.Open] = [CommitmentStatus.InProgress, CommitmentStatus.Fulfilled, CommitmentStatus.Withdrawn, CommitmentStatus.Lapsed],
        [CommitmentStatus.InProgress] = [CommitmentStatus.Fulfilled, CommitmentStatus.Withdrawn, CommitmentStatus.Lapsed],
        [CommitmentStatus.Lapsed] = [CommitmentStatus.Open],
        [CommitmentStatus.Fulfilled] = [],
        [CommitmentStatus.Withdrawn] = [],
    };

    /// <summary>Statuses that still call for follow-up; only these can be overdue.</summary>
    public static readonly CommitmentStatus[] Pending = [CommitmentStatus.Proposed, CommitmentStatus.Open, CommitmentStatus.InProgress];
}

public sealed class CommitmentFieldsValidator : AbstractValidator<CommitmentFields>
{
    public CommitmentFieldsValidator()
    {
        ExternalIds.AddRules(this);
        RuleFor(c => c.Title).NotEmpty().Must(t => Text.Characters(t) <= 300).WithMessage("'title' must be at most 300 characters.");
        RuleFor(c => c.Description).Must(d => Text.Characters(d) <= 10_000).WithMessage("'description' must be at most 10000 characters.");
        RuleFor(c => c.Direction).NotNull().WithMessage("'direction' is required: theirs or ours.");
        RuleFor(c => c.OrganisationId).NotNull().NotEqual(Guid.Empty);
        RuleFor(c => c.Category).NotNull();
        RuleFor(c => c.TargetEvent).Must(t => Text.Characters(t) <= 300).WithMessage("'targetEvent' must be at most 300 characters.");
        RuleFor(c => c.TopicIds).NotNull().Must(ids => ids.Count <= 30).WithMessage("At most 30 topics.");
        RuleForEach(c => c.TopicIds).Cascade(CascadeMode.Continue).NotEmpty()
            .Must((c, id) => c.TopicIds.Count(t => t == id) == 1).WithMessage("This topic is listed twice.");
    }
}
