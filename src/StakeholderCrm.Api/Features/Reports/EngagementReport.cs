using StakeholderCrm.Api.Features.Engagements;

namespace StakeholderCrm.Api.Features.Reports;

/// <summary>A piece of a paragraph; the names of those who took part are in bold.</summary>
public sealed record ReportRun(string Text, bool Bold = false);

/// <summary>"Key points:", "Details:" and the like, with their bullets in order.</summary>
public sealed record ReportSection(string Heading, IReadOnlyList<string> Bullets);

/// <summary>A meeting report as the unit sends it, whatever it is rendered as: each renderer only lays it out.</summary>
public sealed record EngagementReport
{
    /// <summary>The file name without its extension, e.g. <c>report-2021-06-28-meeting-with-tiktok</c>.</summary>
    public string FileName { get; init; } = "";
    /// <summary>Each recipient as SURNAME First name (UNIT), or [REDACTED].</summary>
    public IReadOnlyList<string> To { get; init; } = [];
    public IReadOnlyList<string> Cc { get; init; } = [];
    /// <summary>The author, as a recipient is shown; null when none is recorded.</summary>
    public string? From { get; init; }
    /// <example>REPORT: Meeting with TikTok 28 June 2021</example>
    public string Subject { get; init; } = "";
    public IReadOnlyList<ReportRun> Opening { get; init; } = [];
    public IReadOnlyList<ReportSection> Sections { get; init; } = [];
    public IReadOnlyList<Link> Links { get; init; } = [];
}

/// <summary>An organisation as a report names it: by its shortest alias (HOME, CAB-JOHANSSON), else its name.</summary>
public sealed record ReportOrganisation
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public string ShortName => Aliases.Where(a => !string.IsNullOrWhiteSpace(a)).OrderBy(a => a.Length).ThenBy(a => a, StringComparer.Ordinal)
        .FirstOrDefault() ?? Name;
}
