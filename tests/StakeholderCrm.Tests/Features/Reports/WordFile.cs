using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace StakeholderCrm.Tests.Features.Reports;

/// <summary>A .docx answer opened as an Open XML package: what the validator finds, and the text of its paragraphs.</summary>
internal sealed record WordFile(IReadOnlyList<string> Errors, string[] Paragraphs, IReadOnlyList<string> Bullets, IReadOnlyList<string> Bold,
    IReadOnlyList<string> Hyperlinks)
{
    public static async Task<WordFile> ReadAsync(HttpResponseMessage response)
    {
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        var main = document.MainDocumentPart!;
        var paragraphs = main.Document!.Body!.Elements<Paragraph>().ToList();
        return new WordFile(
            errors,
            paragraphs.Select(p => p.InnerText).ToArray(),
            paragraphs.Where(p => p.ParagraphProperties?.NumberingProperties is not null).Select(p => p.InnerText).ToList(),
            main.Document.Descendants<Run>().Where(r => r.RunProperties?.Bold is not null).Select(r => r.InnerText).ToList(),
            main.HyperlinkRelationships.Select(h => h.Uri.ToString()).ToList());
    }
}
