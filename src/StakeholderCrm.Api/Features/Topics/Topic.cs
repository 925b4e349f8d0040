using FluentValidation;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Topics;

/// <summary>A term of the controlled vocabulary engagements and commitments are filed under.</summary>
public record TopicFields
{
    /// <summary>Unique among live topics, ignoring case; at most 200 characters.</summary>
    /// <example>Terrorist content online (TCO Regulation)</example>
    [RequiredField] public string? Name { get; init; }
    /// <summary>The broader topic, e.g. "Child safety" above "Child sexual abuse online".</summary>
    public Guid? ParentId { get; init; }
    public string? Description { get; init; }
}

public sealed record TopicResponse : TopicFields, IArchivable
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool Archived { get; init; }
}

public sealed class TopicFieldsValidator : AbstractValidator<TopicFields>
{
    public TopicFieldsValidator()
    {
        RuleFor(t => t.Name).NotEmpty().Must(n => Text.Characters(n) <= 200).WithMessage("'name' must be at most 200 characters.");
        RuleFor(t => t.Description).Must(d => Text.Characters(d) <= 4000).WithMessage("'description' must be at most 4000 characters.");
    }
}
