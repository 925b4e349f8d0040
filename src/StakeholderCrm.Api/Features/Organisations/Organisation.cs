using FluentValidation;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Organisations;

public enum OrganisationKind { Company, Ngo, Association, PublicAuthority, EuInstitution, Academic, Other }

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
}

public sealed record OrganisationResponse : OrganisationFields, IArchivable
{
    public Guid Id { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public bool Archived { get; init; }
}

public sealed class OrganisationFieldsValidator : AbstractValidator<OrganisationFields>
{
    public const int MaxNameLength = 200;
    public const int MaxAliases = 20;
    public const int MaxTags = 30;
    public const int MaxTagLength = 50;
    public const int MaxNotesLength = 10_000;

    public OrganisationFieldsValidator()
    {
        RuleFor(o => o.Name).NotEmpty()
            .Must(name => Text.Characters(name) <= MaxNameLength).WithMessage($"'name' must be at most {MaxNameLength} characters.");
        RuleFor(o => o.Kind).NotNull().WithMessage("'kind' is required: one of company, ngo, association, publicAuthority, euInstitution, academic, other.");
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
    }
}
