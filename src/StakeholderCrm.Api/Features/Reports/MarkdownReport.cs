using System.Text;

namespace StakeholderCrm.Api.Features.Reports;

/// <summary>The report as Markdown (text/markdown): one paragraph per header line, then bullets under each heading.</summary>
internal static class MarkdownReport
{
    public const string MediaType = "text/markdown";

    public static string Render(EngagementReport report)
    {
        var text = new StringBuilder();
        void Paragraph(string line) => text.Append(line.TrimEnd()).Append("\n\n");
        void Bullets(IEnumerable<string> items)
        {
            foreach (var item in items) text.Append("- ").Append(item.Trim().ReplaceLineEndings("\n  ")).Append('\n');
            text.Append('\n');
        }

        Paragraph($"To: {string.Join("; ", report.To)}");
        Paragraph($"Cc: {string.Join("; ", report.Cc)}");
        if (report.From is { } from) Paragraph($"From: {from}");
        Paragraph($"Subject: {report.Subject}");
        Paragraph(string.Concat(report.Opening.Select(r => r.Bold ? $"**{r.Text}**" : r.Text)));
        foreach (var section in report.Sections)
        {
            Paragraph(section.Heading);
            Bullets(section.Bullets);
        }
        if (report.Links.Count > 0)
        {
            Paragraph("Links:");
            // A withheld address is no autolink: it stands as the plain [REDACTED].
            var targets = report.Links.Select(l => (l.Title, Target: l.Url == ReportComposer.Redacted ? l.Url : $"<{l.Url}>"));
            Bullets(targets.Select(l => l.Title is { Length: > 0 } title ? $"{title}: {l.Target}" : l.Target));
        }
        return text.ToString().TrimEnd('\n') + "\n";
    }
}
