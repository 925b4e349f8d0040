using System.Net.Mail;
using FluentValidation;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Contacts;

/// <summary>
/// The function one of our own staff holds, as the Commission's rules on publishing meetings name them: a Member of the
/// Commission, a member of a cabinet, and the management functions from Secretary-General to Head of Unit.
/// </summary>
public enum StaffFunction
{
    Member, CabinetMember, SecretaryGeneral, DeputySecretaryGeneral, DirectorGeneral, DeputyDirectorGeneral, Director, HeadOfUnit, Staff,
}

/// <summary>A role a person held at an organisation; <c>to</c> null means it is current.</summary>
public sealed record Position : IStoredAsJson
{
    [RequiredField] public Guid OrganisationId { get; init; }
    /// <example>Director, Public Policy &amp; Government Relations</example>
    public string? Title { get; init; }
    /// <summary>First day in the role, if known.</summary>
    public DateOnly? From { get; init; }
    /// <summary>Last day in the role; null while current.</summary>
    public DateOnly? To { get; init; }
    /// <summary>The function held, only in a position at one of our own units (<c>internal</c>).</summary>
    /// <example>cabinetMember</example>
    public StaffFunction? Function { get; init; }
    /// <summary>
    /// True for a representative's public-facing role at an external organisation (public policy, government relations): the
    /// name stays in a report released to the public.
    /// </summary>
    public bool PublicFacing { get; init; }

    public bool Covers(DateOnly day) => (From is null || From <= day) && (To is null || To >= day);

    public bool Overlaps(Position other)
        => (From ?? DateOnly.MinValue) <= (other.To ?? DateOnly.MaxValue) && (other.From ?? DateOnly.MinValue) <= (To ?? DateOnly.MaxValue);
}

/// <summary>A person we deal with: their representatives and our own staff alike.</summary>
public record ContactFields : IHasExternalIds
{
    /// <example>Caroline Greer</example>
    [PersonalData, RequiredField] public string? FullName { get; init; }
    [PersonalData] public string? Email { get; init; }
    [PersonalData] public string? Phone { get; init; }
    [PersonalData] public string? Notes { get; init; }
    /// <summary>Roles over time; positions at the same organisation may not overlap.</summary>
    [PersonalData] public IReadOnlyList<Position> Positions { get; init; } = [];
    /// <summary>Ids other systems know it by, each unique per system.</summary>
    public IReadOnlyList<ExternalId> ExternalIds { get; init; } = [];
}

public sealed record ContactResponse : ContactFields, IArchivable
{
    public Guid Id { get; init; }
    /// <summary>The organisation of the open position (the latest started, if several).</summary>
    public Guid? CurrentOrganisationId { get; init; }
    [PersonalData] public string? CurrentTitle { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool Archived { get; init; }
    /// <summary>Processing restricted (Article 20 of Regulation (EU) 2018/1725): shown to admins only, and not changed until lifted.</summary>
    public bool Restricted { get; init; }
}

public sealed class ContactFieldsValidator : AbstractValidator<ContactFields>
{
    public const int MaxPositions = 50;

    public ContactFieldsValidator()
    {
        RuleFor(c => c.FullName).NotEmpty().Must(n => Text.Characters(n) <= 200).WithMessage("'fullName' must be at most 200 characters.");
        RuleFor(c => c.Email).Must(BeAnEmailAddress!).When(c => c.Email is not null).WithMessage("'email' must be an email address such as name@example.org.");
        RuleFor(c => c.Phone).Matches("^[+0-9 ()./-]{3,50}$").WithMessage("'phone' may hold digits, spaces, + ( ) . / - and at most 50 characters.");
        RuleFor(c => c.Notes).Must(n => Text.Characters(n) <= 10_000).WithMessage("'notes' must be at most 10000 characters.");
        ExternalIds.AddRules(this);
        RuleFor(c => c.Positions).NotNull().Must(p => p.Count <= MaxPositions).WithMessage($"At most {MaxPositions} positions.");
        RuleForEach(c => c.Positions).NotNull().ChildRules(position =>
        {
            position.RuleFor(p => p.OrganisationId).NotEmpty();
            position.RuleFor(p => p.Title).Must(t => Text.Characters(t) <= 200).WithMessage("'title' must be at most 200 characters.");
            position.RuleFor(p => p.To).GreaterThanOrEqualTo(p => p.From).When(p => p.From is not null && p.To is not null)
                .WithMessage("'to' must not be before 'from'.");
        });
        RuleForEach(c => c.Positions).Cascade(CascadeMode.Continue).Must((contact, position) => position is null || !contact.Positions
                .TakeWhile(other => !ReferenceEquals(other, position))
                .Any(other => other is not null && other.OrganisationId == position.OrganisationId && other.Overlaps(position)))
            .WithMessage("This position overlaps an earlier one at the same organisation.");
    }

    private static bool BeAnEmailAddress(string email)
        => email.Length <= 254 && MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.', StringComparison.Ordinal);
}
