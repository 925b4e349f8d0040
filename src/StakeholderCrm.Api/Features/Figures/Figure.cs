using FluentValidation;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Figures;

/// <summary>A number an organisation stated: for a period (periodStart–periodEnd) or on a date (asOf).</summary>
public record FigureFields
{
    [RequiredField] public Guid? OrganisationId { get; init; }
    /// <example>trust and safety staff in Europe</example>
    [RequiredField] public string? Metric { get; init; }
    /// <example>1000</example>
    [RequiredField] public decimal? Value { get; init; }
    /// <summary>count, percent, people, or another unit in words.</summary>
    /// <example>people</example>
    [RequiredField] public string? Unit { get; init; }
    /// <example>Europe</example>
    public string? Scope { get; init; }
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public DateOnly? AsOf { get; init; }
    public Guid? SourceEngagementId { get; init; }
    /// <summary>The contact who stated it.</summary>
    public Guid? StatedById { get; init; }
    public string? Note { get; init; }
}

public sealed record FigureResponse : FigureFields, IArchivable
{
    public Guid Id { get; init; }
    /// <summary>The day the figure describes: asOf, else the end of its period.</summary>
    public DateOnly ObservedOn { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool Archived { get; init; }
}

public sealed class FigureFieldsValidator : AbstractValidator<FigureFields>
{
    public FigureFieldsValidator()
    {
        RuleFor(f => f.OrganisationId).NotNull().NotEqual(Guid.Empty);
        RuleFor(f => f.Metric).NotEmpty().Must(m => Text.Characters(m) <= 200).WithMessage("'metric' must be at most 200 characters.");
        RuleFor(f => f.Value).NotNull();
        RuleFor(f => f.Unit).NotEmpty().Must(u => Text.Characters(u) <= 50)
            .WithMessage("'unit' must be at most 50 characters: count, percent, people or your own.");
        RuleFor(f => f.Scope).Must(s => Text.Characters(s) <= 100).WithMessage("'scope' must be at most 100 characters.");
        RuleFor(f => f.AsOf).NotNull().When(f => f.PeriodEnd is null)
            .WithMessage("Give the date the figure describes: asOf, or a period with periodEnd.");
        RuleFor(f => f.AsOf).Null().When(f => f.PeriodStart is not null || f.PeriodEnd is not null)
            .WithMessage("Give either asOf or a period, not both.");
        RuleFor(f => f.PeriodEnd).GreaterThanOrEqualTo(f => f.PeriodStart).When(f => f.PeriodStart is not null && f.PeriodEnd is not null)
            .WithMessage("'periodEnd' must not be before 'periodStart'.");
        RuleFor(f => f.Note).Must(n => Text.Characters(n) <= 4000).WithMessage("'note' must be at most 4000 characters.");
    }
}
