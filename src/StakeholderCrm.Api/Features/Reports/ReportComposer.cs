using System.Globalization;
using System.Text;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;

namespace StakeholderCrm.Api.Features.Reports;

/// <summary>
/// Writes an engagement out as the unit's report (shared/seeds): the distribution, the subject, an opening sentence
/// naming both sides as they were on the day, the sections and the links. The released copy goes through
/// <see cref="ReleaseRule"/> and <see cref="ReleaseRedaction"/>: a name it does not keep is [REDACTED]
/// wherever it occurs, and so is every e-mail address, phone number and telling link address.
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
        var named = engagement.Participants.Select(p => (p.FullName, Kept: rule.Keeps(p)))
            .Concat(engagement.Distribution.Select(d => (d.FullName, Kept: rule.Keeps(d.ContactId))))
            .Concat(engagement.Author is { } author ? [(author.FullName, Kept: rule.Keeps(author.Id))] : [])
            .Where(n => n.FullName.Length > 0).ToList();
        var redaction = released
            ? ReleaseRedaction.For(named.Where(n => !n.Kept).Select(n => n.FullName), named.Where(n => n.Kept).Select(n => n.FullName))
            : ReleaseRedaction.None;
        string Scrub(string text) => redaction.Scrub(text);

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
            Links = engagement.Links.Select(redaction.Scrub).ToList(),
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
