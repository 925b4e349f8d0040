using FluentValidation;
using StakeholderCrm.Api.Features.TransparencyRegister;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Organisations;

public enum OrganisationKind
{
    Company, Ngo, Association, PublicAuthority, EuInstitution, Academic, Other,
    Consultancy, ThinkTank, TradeUnion, ReligiousOrganisation, PoliticalParty, InternationalOrganisation, ThirdCountryAuthority, Individual,
}

/// <summary>
/// Whether an organisation is an interest representative in the sense of the Commission's rules on meetings (Decisions
/// (EU) 2024/3081 and 2024/3082, and the Transparency Register): by default from its kind, our own units never.
/// </summary>
public static class InterestRepresentation
{
    /// <summary>
    /// Public authorities of any level or country, EU bodies, international organisations, political parties and people in
    /// a strictly personal capacity are not interest representatives. Everything else is by default, overridable with a
    /// reason: trade unions (outside social dialogue), religious organisations' representative offices, academia.
    /// </summary>
    public static readonly IReadOnlyList<OrganisationKind> NotRepresentativeKinds =
    [
        OrganisationKind.EuInstitution, OrganisationKind.PublicAuthority, OrganisationKind.ThirdCountryAuthority,
        OrganisationKind.InternationalOrganisation, OrganisationKind.PoliticalParty, OrganisationKind.Individual,
    ];

    public static bool Derived(OrganisationKind kind, bool isInternal) => !isInternal && !NotRepresentativeKinds.Contains(kind);

    /// <summary>The same rule in SQL over <c>o</c>, 1 or 0, the override first: a fixed fragment built from the enum, no values.</summary>
    public static readonly string Expression = "COALESCE(o.interest_representative_override, CASE WHEN o.internal = 1 OR o.kind IN ("
        + string.Join(", ", NotRepresentativeKinds.Select(k => $"'{Json.Name(k)}'")) + ") THEN 0 ELSE 1 END)";

    public static readonly string Condition = $"{Expression} = @InterestRepresentative";
}

/// <summary>An editor's answer to whether the organisation is an interest representative, in place of what its kind says.</summary>
public sealed record InterestRepresentativeOverride
{
    [RequiredField] public bool? Value { get; init; }
    /// <summary>Why the kind's answer is wrong for this organisation, at most 500 characters.</summary>
    /// <example>Representative office of a church, registered in the Transparency Register</example>
    [RequiredField] public string? Reason { get; init; }
}

/// <summary>The fields a client sets on an organisation: the body of a create, the target of a merge patch.</summary>
public record OrganisationFields : IHasExternalIds
{
    /// <summary>The organisation's name in any script, at most 200 characters. Unique among live organisations, ignoring case.</summary>
    /// <example>TikTok Technology Ltd</example>
    [RequiredField] public string? Name { get; init; }

    /// <example>company</example>
    [RequiredField] public OrganisationKind? Kind { get; init; }

    /// <summary>True for a unit of our own administration, such as a Commissioner's cabinet or a directorate.</summary>
    public bool Internal { get; init; }

    /// <summary>EU Transparency Register id: digits, a dash, two digits. Unique among live organisations.</summary>
    /// <example>123456789012-34</example>
    public string? TransparencyRegisterId { get; init; }

    /// <summary>ISO 3166-1 alpha-2 code.</summary>
    /// <example>IE</example>
    public string? Country { get; init; }

    /// <summary>Absolute http or https URL.</summary>
    /// <example>https://www.tiktok.com</example>
    public string? Website { get; init; }

    /// <summary>Other names the organisation is known by; searched like the name.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The parent organisation, e.g. ByteDance for TikTok.</summary>
    public Guid? ParentId { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Notes { get; init; }

    /// <summary>Ids other systems know it by, each unique per system.</summary>
    public IReadOnlyList<ExternalId> ExternalIds { get; init; } = [];

    /// <summary>Overrides whether the organisation is an interest representative; null leaves it to the kind.</summary>
    public virtual InterestRepresentativeOverride? InterestRepresentativeOverride { get; init; }
}

public sealed record OrganisationResponse : OrganisationFields, IArchivable
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool Archived { get; init; }

    /// <summary>
    /// Whether the Commission's rules count it as an interest representative: the override's value, else by kind. Not
    /// for EU institutions, public or third-country authorities, international organisations, political parties,
    /// individuals and our own units.
    /// </summary>
    public bool InterestRepresentative => InterestRepresentativeOverride?.Value
        ?? (Kind is { } kind && InterestRepresentation.Derived(kind, Internal));

    /// <summary>The Transparency Register's entry for <c>transparencyRegisterId</c> as last imported; null when it is not found.</summary>
    public RegisterEntryResponse? Registration { get; init; }

    /// <summary>
    /// Whether registered today: the id is well formed (10 to 12 digits, a hyphen and 2 digits) and, once a register has
    /// been imported, its entry is listed. Before any import a well-formed id counts as registered.
    /// </summary>
    public bool Registered { get; init; }

    // Dapper fills these two fields from their columns (OrganisationQueries.Columns names them so).
    private bool? storedOverrideValue;
    private string? storedOverrideReason;

    /// <summary>Overrides whether the organisation is an interest representative; null leaves it to the kind.</summary>
    public override InterestRepresentativeOverride? InterestRepresentativeOverride
    {
        get => storedOverrideValue is { } value ? new() { Value = value, Reason = storedOverrideReason } : null;
        init
        {
            storedOverrideValue = value?.Value;
            storedOverrideReason = value?.Reason;
        }
    }
}

public sealed class OrganisationFieldsValidator : AbstractValidator<OrganisationFields>
{
    public const int MaxNameLength = 200;
    public const int MaxAliases = 20;
    public const int MaxTags = 30;
    public const int MaxTagLength = 50;
    public const int MaxNotesLength = 10_000;
    public const int MaxReasonLength = 500;

    public OrganisationFieldsValidator()
    {
        RuleFor(o => o.Name).NotEmpty()
            .Must(name => Text.Characters(name) <= MaxNameLength).WithMessage($"'name' must be at most {MaxNameLength} characters.");
        RuleFor(o => o.Kind).NotNull().WithMessage($"'kind' is required: one of {string.Join(", ", ApiEnum<OrganisationKind>.Names)}.");
        RuleFor(o => o.TransparencyRegisterId)
            .Matches("^[0-9]{1,15}-[0-9]{2}$").WithMessage("'transparencyRegisterId' must be digits, a dash and two digits, e.g. 123456789012-34.");
        RuleFor(o => o.Country)
            .Must(Countries.IsAlpha2).When(o => o.Country is not null).WithMessage("'country' must be an ISO 3166-1 alpha-2 code such as IE or BE.");
        RuleFor(o => o.Website).Must(Text.IsWebAddress!).When(o => o.Website is not null)
            .WithMessage("'website' must be an absolute http or https URL.");
        RuleFor(o => o.Aliases).NotNull().Must(a => a.Count <= MaxAliases).WithMessage($"At most {MaxAliases} aliases.")
            .Must(Text.Distinct).WithMessage("Aliases must differ from each other, ignoring case.");
        RuleForEach(o => o.Aliases).NotEmpty()
            .Must(alias => Text.Characters(alias) <= MaxNameLength).WithMessage($"An alias must be at most {MaxNameLength} characters.");
        RuleFor(o => o.Tags).NotNull().Must(t => t.Count <= MaxTags).WithMessage($"At most {MaxTags} tags.")
            .Must(Text.Distinct).WithMessage("Tags must differ from each other, ignoring case.");
        RuleForEach(o => o.Tags).NotEmpty()
            .Must(tag => Text.Characters(tag) <= MaxTagLength).WithMessage($"A tag must be at most {MaxTagLength} characters.");
        RuleFor(o => o.Notes).Must(notes => Text.Characters(notes) <= MaxNotesLength).WithMessage($"'notes' must be at most {MaxNotesLength} characters.");
        ExternalIds.AddRules(this);
        RuleFor(o => o.InterestRepresentativeOverride!).ChildRules(representative =>
        {
            representative.RuleFor(r => r.Value).NotNull().WithMessage("'value' is required: true or false.");
            representative.RuleFor(r => r.Reason).NotEmpty().WithMessage("'reason' is required: why the kind's answer does not hold.")
                .Must(reason => Text.Characters(reason) <= MaxReasonLength).WithMessage($"'reason' must be at most {MaxReasonLength} characters.");
        }).When(o => o.InterestRepresentativeOverride is not null);
    }
}
