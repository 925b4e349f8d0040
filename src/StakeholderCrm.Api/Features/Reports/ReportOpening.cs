using System.Globalization;
using StakeholderCrm.Api.Features.Engagements;

namespace StakeholderCrm.Api.Features.Reports;

/// <summary>The report's opening sentence: when, what kind of engagement, who met whom with their titles on the day, and why.</summary>
internal static class ReportOpening
{
    /// <summary>"On 28 June 2021, a call between <b>Monika Maglione</b> (CAB-JOHANSSON) and TikTok representatives <b>Caroline Greer</b>, Director, … took place."</summary>
    public static List<ReportRun> Compose(EngagementResponse engagement, ReleaseRule rule, Func<Guid?, string> unit, Func<string, string> scrub,
        IReadOnlyDictionary<Guid, ReportOrganisation> organisations)
    {
        var present = engagement.Participants.Any(p => p.Attended == true)
            ? engagement.Participants.Where(p => p.Attended == true).ToList()
            : engagement.Participants.ToList();
        List<ReportRun> Person(Participant p)
        {
            if (!rule.Keeps(p)) return p.Side == Side.Internal && unit(p.OrganisationId) is { Length: > 0 } u
                ? new List<ReportRun> { new(ReportComposer.Redacted), new($" ({u})") }
                : new List<ReportRun> { new(ReportComposer.Redacted) };
            var runs = new List<ReportRun> { new(p.FullName, Bold: true) };
            if (!string.IsNullOrWhiteSpace(p.Title)) runs.Add(new($", {p.Title}"));
            if (p.Side == Side.Internal && unit(p.OrganisationId) is { Length: > 0 } ownUnit) runs.Add(new($" ({ownUnit})"));
            return runs;
        }

        var ours = present.Where(p => p.Side == Side.Internal).Select(Person).ToList();
        var theirs = present.Where(p => p.Side == Side.External).Select(Person).ToList();
        var met = Join(engagement.Organisations.Select(o => organisations.TryGetValue(o.Id, out var r) ? r.ShortName : o.Name).ToList());

        var runs = new List<ReportRun> { new($"On {engagement.MeetingDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}, {Kind(engagement.Kind)} ") };
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
}
