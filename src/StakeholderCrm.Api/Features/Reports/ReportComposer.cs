using System.Globalization;
using System.Text;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;

namespace StakeholderCrm.Api.Features.Reports;

/// <summary>
/// Writes an engagement out as the unit's report (shared/seeds): the distribution, the subject, an opening sentence
/// naming both sides as they were on the day, the sections and the links. The released copy goes through
/// <see cref="ReleaseRule"/>: a name it does not keep is [REDACTED] wherever it occurs.
/// </summary>
internal static class ReportComposer
{
    public const string Redacted = "[REDACTED]";
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    private static readonly (KeyPointSection Section, string Heading)[] Headings =
    [
        (KeyPointSection.KeyPoint, "Key points:"), (KeyPointSection.Detail, "Details:"), (KeyPointSection.Position, "Positions:"),
        (KeyPointSection.Conclusion, "Conclusions:"),
    ];

    public static EngagementReport Compose(EngagementResponse engagement, IReadOnlyDictionary<Guid, EngagementQueries.ContactFacts> contacts,
        IReadOnlyDictionary<Guid, ReportOrganisation> organisations, bool released)
    {
        var day = engagement.MeetingDate;
        var rule = new ReleaseRule(released, day, contacts);
        var redactedNames = engagement.Participants.Where(p => !rule.Keeps(p)).Select(p => p.FullName)
            .Concat(engagement.Distribution.Where(d => !rule.Keeps(d.ContactId)).Select(d => d.FullName))
            .Concat(engagement.Author is { } author && !rule.Keeps(author.Id) ? [author.FullName] : [])
            .Where(n => n.Length > 0).Distinct().OrderByDescending(n => n.Length).ToList();
        string Scrub(string text) => redactedNames.Aggregate(text, (t, name) => t.Replace(name, Redacted, StringComparison.OrdinalIgnoreCase));

        string Unit(Guid? organisationId) => organisationId is { } id && organisations.TryGetValue(id, out var o) ? o.ShortName : "";
        string Addressee(Guid contactId, string fullName)
        {
            if (!rule.Keeps(contactId)) return Redacted;
            var unit = Unit(contacts.TryGetValue(contactId, out var c) ? ReleaseRule.PositionOn(c, day)?.OrganisationId : null);
            return unit.Length == 0 ? Surname(fullName) : $"{Surname(fullName)} ({unit})";
        }

        var title = Scrub(engagement.Title);
        return new EngagementReport
        {
            FileName = $"report-{day:yyyy-MM-dd}-{Slug(engagement.Title)}{(released ? "-public" : "")}",
            To = engagement.Distribution.Where(d => d.Kind == DistributionKind.To).Select(d => Addressee(d.ContactId, d.FullName)).ToList(),
            Cc = engagement.Distribution.Where(d => d.Kind == DistributionKind.Cc).Select(d => Addressee(d.ContactId, d.FullName)).ToList(),
            From = engagement.Author is { } from ? Addressee(from.Id, from.FullName) : null,
            Subject = $"REPORT: {title} {day.ToString("d MMMM yyyy", English)}",
            Opening = Opening(engagement, rule, Unit, Scrub, organisations),
            Sections = Headings
                .Select(h => new ReportSection(h.Heading, engagement.KeyPoints.Where(k => k.Section == h.Section).Select(k => Scrub(k.Text ?? "")).ToList()))
                .Where(s => s.Bullets.Count > 0).ToList(),
            Links = engagement.Links.Select(l => l with { Title = l.Title is null ? null : Scrub(l.Title) }).ToList(),
        };
    }

    /// <summary>"On 28 June 2021, a call between <b>Monika Maglione</b> (CAB-JOHANSSON) and TikTok representatives <b>Caroline Greer</b>, Director, … took place."</summary>
    private static List<ReportRun> Opening(EngagementResponse engagement, ReleaseRule rule, Func<Guid?, string> unit, Func<string, string> scrub,
        IReadOnlyDictionary<Guid, ReportOrganisation> organisations)
    {
        var present = engagement.Participants.Any(p => p.Attended == true)
            ? engagement.Participants.Where(p => p.Attended == true).ToList()
            : engagement.Participants.ToList();
        List<ReportRun> Person(Participant p)
        {
            if (!rule.Keeps(p)) return p.Side == Side.Internal && unit(p.OrganisationId) is { Length: > 0 } u
                ? new List<ReportRun> { new(Redacted), new($" ({u})") }
                : new List<ReportRun> { new(Redacted) };
            var runs = new List<ReportRun> { new(p.FullName, Bold: true) };
            if (!string.IsNullOrWhiteSpace(p.Title)) runs.Add(new($", {p.Title}"));
            if (p.Side == Side.Internal && unit(p.OrganisationId) is { Length: > 0 } ownUnit) runs.Add(new($" ({ownUnit})"));
            return runs;
        }

        var ours = present.Where(p => p.Side == Side.Internal).Select(Person).ToList();
        var theirs = present.Where(p => p.Side == Side.External).Select(Person).ToList();
        var met = Join(engagement.Organisations.Select(o => organisations.TryGetValue(o.Id, out var r) ? r.ShortName : o.Name).ToList());

        var runs = new List<ReportRun> { new($"On {engagement.MeetingDate.ToString("d MMMM yyyy", English)}, {Kind(engagement.Kind)} ") };
        runs.Add(new(ours.Count > 0 ? "between " : "with "));
        if (ours.Count > 0)
        {
            runs.AddRange(List(ours));
            runs.Add(new(EndsWithTitle(ours) ? ", and " : " and "));
        }
        runs.Add(new(theirs.Count > 0 ? $"{met} representatives " : met));
        runs.AddRange(List(theirs));
        runs.Add(new(EndsWithTitle(theirs) ? ", took place." : " took place."));
        if (!string.IsNullOrWhiteSpace(engagement.Purpose)) runs.Add(new($" Purpose: {scrub(engagement.Purpose.Trim())}"));
        return Merge(runs);
    }

    /// <summary>A, B and C; ", and" before the last when the items carry titles with commas of their own.</summary>
    private static List<ReportRun> List(List<List<ReportRun>> items)
    {
        var titled = items.Any(i => i.Count > 1);
        var runs = new List<ReportRun>();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) runs.Add(new(i == items.Count - 1 ? (titled ? ", and " : " and ") : ", "));
            runs.AddRange(items[i]);
        }
        return runs;
    }

    /// <summary>A title closes with a comma before the sentence goes on: "Alexandra Evans, Head of Child Safety Europe, took place".</summary>
    private static bool EndsWithTitle(List<List<ReportRun>> items) => items.Count > 0 && items[^1][^1].Text.StartsWith(", ", StringComparison.Ordinal);

    private static string Join(IReadOnlyList<string> names) => names.Count <= 1 ? string.Concat(names)
        : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";

    private static List<ReportRun> Merge(List<ReportRun> runs)
    {
        var merged = new List<ReportRun>();
        foreach (var run in runs.Where(r => r.Text.Length > 0))
        {
            if (merged.Count > 0 && merged[^1].Bold == run.Bold) merged[^1] = run with { Text = merged[^1].Text + run.Text };
            else merged.Add(run);
        }
        return merged;
    }

    private static string Kind(EngagementKind kind) => kind switch
    {
        EngagementKind.Call => "a call",
        EngagementKind.VideoConference => "a videoconference",
        EngagementKind.Visit => "a visit",
        EngagementKind.Workshop => "a workshop",
        EngagementKind.Conference => "a conference",
        EngagementKind.Correspondence => "an exchange of correspondence",
        _ => "a meeting",
    };

    /// <summary>"Monika Maglione" as MAGLIONE Monika: the last word is taken for the surname.</summary>
    public static string Surname(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length <= 1 ? fullName.Trim().ToUpperInvariant() : $"{words[^1].ToUpperInvariant()} {string.Join(' ', words[..^1])}";
    }

    private static string Slug(string title)
    {
        var slug = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            if (slug.Length >= 60) break;
        }
        return slug.ToString().Trim('-') is { Length: > 0 } s ? s : "engagement";
    }
}
