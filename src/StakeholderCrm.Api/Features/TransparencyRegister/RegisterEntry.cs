namespace StakeholderCrm.Api.Features.TransparencyRegister;

/// <summary>An entry of the EU Transparency Register as last imported.</summary>
public sealed record RegisterEntryResponse
{
    /// <summary>10 to 12 digits, a hyphen and 2 digits ("000000000001-01").</summary>
    public string IdentificationCode { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Acronym { get; init; }
    /// <summary>The register's category, as the register words it.</summary>
    public string? Category { get; init; }
    /// <summary>The head office's country, as the register words it.</summary>
    public string? Country { get; init; }
    public string? Website { get; init; }
    public DateOnly? RegisteredOn { get; init; }
    /// <summary>Whether the last import listed it.</summary>
    public bool Listed { get; init; }
    /// <summary>The date from which it is no longer listed: the date of the first file without it; null while listed.</summary>
    public DateOnly? DelistedOn { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What an import did: entries in the file, and how many were new, changed, unchanged, or left the register.</summary>
public sealed record RegisterImportResponse
{
    public Guid Id { get; init; }
    public DateTimeOffset ImportedAt { get; init; }
    public string ImportedBy { get; init; } = "";
    /// <summary>The file's own date (the root's <c>date</c> attribute), null when it has none.</summary>
    public DateOnly? FileDate { get; init; }
    /// <summary>The date entries missing from the file are no longer listed from: the file's date, else the import's.</summary>
    public DateOnly EffectiveOn { get; init; }
    public int Entries { get; init; }
    public int Added { get; init; }
    public int Changed { get; init; }
    public int Unchanged { get; init; }
    public int NoLongerListed { get; init; }
}
