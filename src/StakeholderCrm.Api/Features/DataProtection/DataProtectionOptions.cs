namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>The <c>DataProtection</c> configuration section: retention, and the configurable parts of the record of processing.</summary>
public sealed class DataProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>External contacts with no engagement, position change or commitment in this many years are erased.</summary>
    public int InactiveContactYears { get; set; } = 5;

    /// <summary>
    /// The contacts one retention run erases, in one transaction: each erasure scans the history for the person's values,
    /// so a run holds the write lock for about this many scans (measured in docs/benchmarks.md).
    /// </summary>
    public int RetentionBatchSize { get; set; } = 25;

    public ProcessingRecordOptions Record { get; set; } = new();
}

/// <summary>
/// <c>DataProtection:Record</c>. Lists are null by default and take the defaults of <see cref="ProcessingRecordDefaults"/>:
/// the configuration binder appends configured items to a list that already has some, so a default list could never be replaced.
/// </summary>
public sealed class ProcessingRecordOptions
{
    public string Name { get; set; } = "Stakeholder relations and engagements (StakeholderCrm)";
    public string ControllerName { get; set; } = "European Commission, the unit that runs this system";
    public string ControllerContact { get; set; } = "The unit's functional mailbox";
    public string DataProtectionOfficerName { get; set; } = "Data Protection Officer of the European Commission";
    public string DataProtectionOfficerContact { get; set; } = "data-protection-officer@ec.europa.eu";
    public string[]? Purposes { get; set; }
    public string[]? DataSubjectCategories { get; set; }
    public string[]? Recipients { get; set; }
    public string Transfers { get; set; } = "None: no personal data is transferred to a country outside the EU/EEA or to an international organisation.";
    public string[]? SecurityMeasures { get; set; }
}

/// <summary>What the record says when configuration is silent: what this system really holds and does.</summary>
public static class ProcessingRecordDefaults
{
    public static readonly IReadOnlyList<string> Purposes = new List<string>
    {
        "Managing the unit's relations and engagements with stakeholders: organisations, their representatives, meetings, calls and visits.",
        "Publishing the meetings of the Commission's covered staff with interest representatives, as the Commission's rules require.",
        "Following up the commitments made in those engagements, through to fulfilment.",
    };

    public static readonly IReadOnlyList<string> DataSubjectCategories = new List<string>
    {
        "Representatives of organisations: interest representatives, companies, NGOs, other authorities and bodies.",
        "The Commission's own staff who take part in engagements, write or receive their reports, or own commitments.",
        "Other persons named in engagements, key points, notes or commitments.",
    };

    public static readonly IReadOnlyList<string> Recipients = new List<string>
    {
        "Staff of the unit and of the Commission services holding an API key or access token for this system, within their role, scopes "
            + "and clearance.",
        "Systems synchronised with this one through the change feed, under their own keys and scopes.",
        "The public, for the meetings the Commission's rules require to be published (the covered staff, the organisation, date, place "
            + "and subject).",
        "Bodies in charge of monitoring or inspection under Union law (the European Data Protection Supervisor, the European Ombudsman, "
            + "OLAF, the Court of Auditors, the Court of Justice), when they ask.",
    };

    public static readonly IReadOnlyList<string> SecurityMeasures = new List<string>
    {
        "Every call is authenticated: an API key (only its SHA-256 is stored; keys expire, rotate and are revoked) or a JWT bearer token "
            + "from the configured OpenID Connect issuer, checked for signature, issuer, audience and lifetime.",
        "Roles (reader, editor, admin) and scopes limit each key or token to the resources and actions it needs.",
        "Sensitive engagements and what comes from them are visible only to callers cleared for them.",
        "TLS terminates at the reverse proxy in front of the API; answers carry Cache-Control: no-store.",
        "Audit: every change is recorded with its actor and time in the change feed and in each record's history.",
        "Backups of the database by the platform (SQL Server full and log backups, or SQLite's online backup).",
        "Rate limiting per caller.",
    };

    public static IReadOnlyList<string> Or(string[]? configured, IReadOnlyList<string> defaults)
        => configured is { Length: > 0 } ? configured : defaults;
}
