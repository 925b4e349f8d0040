using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace StakeholderCrm.Api.Features.Reports;

/// <summary>The report as a Word document: the same paragraphs as the Markdown, headings in bold, real bullets and hyperlinks.</summary>
internal static class WordReport
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const int BulletList = 1;

    public static byte[] Render(EngagementReport report)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = report.Subject;
            var main = document.AddMainDocumentPart();
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = Bullets();
            var body = new Body();
            body.Append(Line("To: ", string.Join("; ", report.To)), Line("Cc: ", string.Join("; ", report.Cc)));
            if (report.From is { } from) body.Append(Line("From: ", from));
            body.Append(Line("Subject: ", report.Subject));
            body.Append(new Paragraph(report.Opening.Select(r => Run(r.Text, r.Bold))));
            foreach (var section in report.Sections)
            {
                body.Append(new Paragraph(Run(section.Heading, bold: true)));
                body.Append(section.Bullets.Select(b => Bullet(Run(b))));
            }
            if (report.Links.Count > 0)
            {
                body.Append(new Paragraph(Run("Links:", bold: true)));
                foreach (var link in report.Links)
                {
                    var label = link.Title is { Length: > 0 } title ? Run($"{title}: ") : null;
                    OpenXmlElement target = Uri.TryCreate(link.Url, UriKind.Absolute, out var uri)
                        ? new Hyperlink(Run(link.Url!)) { Id = main.AddHyperlinkRelationship(uri, isExternal: true).Id }
                        : Run(link.Url ?? "");
                    body.Append(Bullet(label is null ? [target] : [label, target]));
                }
            }
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    private static Paragraph Line(string label, string text) => new(Run(label, bold: true), Run(text));

    private static Paragraph Bullet(params OpenXmlElement[] content)
        => new(new OpenXmlElement[]
        {
            new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = BulletList })),
        }.Concat(content));

    private static Run Run(string text, bool bold = false)
    {
        var run = new Run();
        if (bold) run.Append(new RunProperties(new Bold()));
        // A control character the API accepted has no place in XML; it is left out rather than failing the document.
        run.Append(new Text(new string(text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)).ToArray())) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private static Numbering Bullets() => new(
        new AbstractNum(
            new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = "•" },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "360" }))
            { LevelIndex = 0 })
        { AbstractNumberId = BulletList },
        new NumberingInstance(new AbstractNumId { Val = BulletList }) { NumberID = BulletList });
}
