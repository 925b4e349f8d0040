using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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
        // Whole words only: a redacted "Ann" leaves "announced" alone.
        string Scrub(string text) => redactedNames.Aggregate(text, (t, name) => Regex.Replace(t, $@"(?<!\w){Regex.Escape(name)}(?!\w)", Redacted,
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

        string Unit(Guid? organisationId) => organisationId is { } id && organisations.TryGetValue(id, out var o) ? o.ShortName : "";
        string Addressee(Guid contactId, string fullName)
        {
            if (!rule.Keeps(contactId)) return Redacted;
            var unit = Unit(contacts.TryGetValue(contactId, out var c) ? c.PositionOn(day)?.OrganisationId : null);
            return unit.Length == 0 ? Surname(fullName) : $"{Surname(fullName)} ({unit})";
        }

        var title = Scrub(engagement.Title);
        return new EngagementReport
        {
            // From the title as shown: a released copy's file name must not name whom its text redacts.
            FileName = $"report-{day:yyyy-MM-dd}-{Slug(title)}{(released ? "-public" : "")}",
            To = engagement.Distribution.Where(d => d.Kind == DistributionKind.To).Select(d => Addressee(d.ContactId, d.FullName)).ToList(),
            Cc = engagement.Distribution.Where(d => d.Kind == DistributionKind.Cc).Select(d => Addressee(d.ContactId, d.FullName)).ToList(),
            From = engagement.Author is { } from ? Addressee(from.Id, from.FullName) : null,
            Subject = $"REPORT: {title} {day.ToString("d MMMM yyyy", English)}",
            Opening = ReportOpening.Compose(engagement, rule, Unit, Scrub, organisations),
            Sections = Headings
                .Select(h => new ReportSection(h.Heading, engagement.KeyPoints.Where(k => k.Section == h.Section).Select(k => Scrub(k.Text ?? "")).ToList()))
                .Where(s => s.Bullets.Count > 0).ToList(),
            Links = engagement.Links.Select(l => l with { Title = l.Title is null ? null : Scrub(l.Title) }).ToList(),
        };
    }

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
