using FluentValidation;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Memberships;

public enum MembershipStatus { Interested, Applied, Member, Signatory, Observer, Suspended, Withdrawn }

/// <summary>An organisation's relation to a body: interested in, applied to, member or signatory of…</summary>
public record MembershipFields
{
    [RequiredField] public Guid? OrganisationId { get; init; }
    [RequiredField] public Guid? BodyId { get; init; }
    /// <summary>Since when the organisation has been involved with the body.</summary>
    public DateOnly? Since { get; init; }
    public DateOnly? Until { get; init; }
    /// <summary>The engagement where we learnt of it.</summary>
    public Guid? SourceEngagementId { get; init; }
    public string? Notes { get; init; }
}

public sealed record MembershipChange
{
    public MembershipStatus Status { get; init; }
    /// <summary>The day the status took effect.</summary>
    public DateOnly On { get; init; }
    public string? Note { get; init; }
    public string Actor { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
}

public sealed record MembershipResponse : MembershipFields, IArchivable
{
    public Guid Id { get; init; }
    public string OrganisationName { get; init; } = "";
    public string BodyName { get; init; } = "";
    public MembershipStatus Status { get; init; }
    /// <summary>With asOf: the status that held on that date.</summary>
    public MembershipStatus? StatusAsOf { get; init; }
    public IReadOnlyList<MembershipChange> History { get; init; } = [];
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool Archived { get; init; }
}

public sealed class MembershipFieldsValidator : AbstractValidator<MembershipFields>
{
    public MembershipFieldsValidator()
    {
        RuleFor(m => m.OrganisationId).NotNull().NotEqual(Guid.Empty);
        RuleFor(m => m.BodyId).NotNull().NotEqual(Guid.Empty);
        RuleFor(m => m.Until).GreaterThanOrEqualTo(m => m.Since).When(m => m.Since is not null && m.Until is not null)
            .WithMessage("'until' must not be before 'since'.");
        RuleFor(m => m.Notes).Must(n => Text.Characters(n) <= 4000).WithMessage("'notes' must be at most 4000 characters.");
    }
}
