using System.Text;
using System.Text.RegularExpressions;
using StakeholderCrm.Api.Features.Engagements;

namespace StakeholderCrm.Api.Features.Reports;

/// <summary>
/// What the released copy withholds from the text its authors wrote (title, purpose, key points, links): every form in
/// which a report names a person the <see cref="ReleaseRule"/> does not keep, and every e-mail address and phone number.
/// </summary>
internal sealed class ReleaseRedaction
{
    /// <summary>The report itself: nothing withheld.</summary>
    public static readonly ReleaseRedaction None = new(released: false, names: null);

    // Between a name's words: a space, or the dot, dash or underscore of "jane.doe" in an address.
    private const string Between = @"(?:\s+|[._-])";
    // A text that outruns the timeout fails the request: better no copy than one released unscrubbed.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private readonly bool released;
    private readonly Regex? names;

    private ReleaseRedaction(bool released, Regex? names) => (this.released, this.names) = (released, names);

    public static ReleaseRedaction For(IEnumerable<string> redacted, IEnumerable<string> kept)
    {
        var keptNames = kept.Select(Words).Where(w => w.Length > 0).SelectMany(w => new[] { string.Join(' ', w), Initialled(w) }).ToList();
        var forms = new List<string>();
        foreach (var words in redacted.Select(Words).Where(w => w.Length > 0))
        {
            forms.Add(Pattern(words));
            for (var split = 1; split < words.Length; split++)
            {
                var surname = words[split..];
                forms.Add(Pattern([.. surname, .. words[..split]]));
                // A surname alone, or after an initial, is withheld only when no kept person answers to it. The text
                // cannot tell a kept Mr Evans from a redacted Ms Evans, and his name is what the release must disclose;
                // "Evans" alone then shows no more than his kept name already does. Two letters at least, so that a
                // one-letter surname does not blank every "a" or "O" in the text.
                var shortForms = new List<string> { $@"{Regex.Escape(words[0][..1])}\.\s*{Pattern(surname)}" };
                if (surname.Sum(w => w.Count(char.IsLetter)) >= 2) shortForms.Add(Pattern(surname));
                forms.AddRange(shortForms.Where(form => !keptNames.Any(k => WholeWords(form).IsMatch(k))));
            }
        }
        // The longest form first, so that "Jane Doe" is taken whole rather than as "Jane [REDACTED]".
        return new ReleaseRedaction(true, forms.Count == 0 ? null : WholeWords(string.Join('|', forms.Distinct().OrderByDescending(f => f.Length))));
    }

    public string Scrub(string text)
    {
        if (!released) return text;
        text = ContactDetails.Scrub(text.Normalize(NormalizationForm.FormC));
        return names?.Replace(text, ReportComposer.Redacted) ?? text;
    }

    /// <summary>The address is shown only when it is a web page's and says nothing of whom it was sent to or who asked for it.</summary>
    public Link Scrub(Link link)
    {
        if (!released) return link;
        var shown = link.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !url.Contains('?') && !url.Contains('@')
            && !Withholds(Uri.UnescapeDataString(url));
        return link with { Title = link.Title is null ? null : Scrub(link.Title), Url = shown ? link.Url : ReportComposer.Redacted };
    }

    private bool Withholds(string text) => ContactDetails.Contains(text) || names?.IsMatch(text.Normalize(NormalizationForm.FormC)) == true;

    // One Unicode form for names and text alike: an "ü" typed as "u" and a combining diaeresis still matches.
    private static string[] Words(string fullName)
        => fullName.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string Initialled(string[] words) => words.Length > 1 ? $"{words[0][..1]}. {string.Join(' ', words[1..])}" : words[0];

    private static string Pattern(IEnumerable<string> words) => string.Join(Between, words.Select(Regex.Escape));

    // \w knows accented letters, so "Müller" is a whole word and "Ó Briain" two of them.
    private static Regex WholeWords(string alternatives)
        => new($@"(?<!\w)(?:{alternatives})(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);
}
