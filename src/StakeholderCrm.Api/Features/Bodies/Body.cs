using FluentValidation;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Bodies;

public enum BodyKind { Forum, CodeOfConduct, CodeOfPractice, Alliance, Principles, Other }

/// <summary>A forum, code, alliance or set of principles that organisations join or sign.</summary>
public record BodyFields
{
    /// <summary>Unique among live bodies, ignoring case.</summary>
    /// <example>EU Internet Forum</example>
    [RequiredField] public string? Name { get; init; }
    [RequiredField] public BodyKind? Kind { get; init; }
    /// <summary>The organisation that convenes or runs it.</summary>
    public Guid? ConvenerId { get; init; }
    public string? Website { get; init; }
    public string? Description { get; init; }
}

public sealed record BodyResponse : BodyFields, IArchivable
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool Archived { get; init; }
}

public sealed class BodyFieldsValidator : AbstractValidator<BodyFields>
{
    public BodyFieldsValidator()
    {
        RuleFor(b => b.Name).NotEmpty().Must(n => Text.Characters(n) <= 200).WithMessage("'name' must be at most 200 characters.");
        RuleFor(b => b.Kind).NotNull().WithMessage("'kind' is required: forum, codeOfConduct, codeOfPractice, alliance, principles or other.");
        RuleFor(b => b.Website).Must(Text.IsWebAddress!).When(b => b.Website is not null).WithMessage("'website' must be an absolute http or https URL.");
        RuleFor(b => b.Description).Must(d => Text.Characters(d) <= 4000).WithMessage("'description' must be at most 4000 characters.");
    }
}
