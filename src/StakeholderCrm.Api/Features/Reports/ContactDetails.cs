using System.Text.RegularExpressions;

namespace StakeholderCrm.Api.Features.Reports;

/// <summary>
/// E-mail addresses and phone numbers written into free text, which a released copy never shows. A run of digits is
/// taken for a phone number only when nothing else explains it: a report is full of dates, times, years and counts,
/// and redacting "1 000 000 users" would withhold what the public may read.
/// </summary>
internal static partial class ContactDetails
{
    public static string Scrub(string text)
        => Dialled().Replace(Phone().Replace(Email().Replace(text, ReportComposer.Redacted), m => IsPhoneNumber(m.Value) ? ReportComposer.Redacted : m.Value),
            m => IsDialledNumber(m.Value) ? ReportComposer.Redacted : m.Value);

    public static bool Contains(string text)
        => Email().IsMatch(text) || Phone().Matches(text).Any(m => IsPhoneNumber(m.Value)) || Dialled().Matches(text).Any(m => IsDialledNumber(m.Value));

    /// <summary>Six digits or more, and neither a date, a year range, a decimal, a count grouped in thousands nor a bare number without a leading + or 0.</summary>
    private static bool IsPhoneNumber(string candidate)
        => candidate.Count(char.IsAsciiDigit) >= 6 && !NotAPhone().IsMatch(candidate)
           && (candidate.Any(c => !char.IsAsciiDigit(c)) || candidate[0] == '0');

    /// <summary>
    /// A number as dialled, from its + or trunk 0, with eight digits or more in any grouping ("0470/12.34.56",
    /// "tel:+3222991111", "Mob.+32470123456"): after a colon or a full stop too, where the first pattern will not start.
    /// </summary>
    private static bool IsDialledNumber(string candidate) => candidate.Count(char.IsAsciiDigit) >= 8 && !NotAPhone().IsMatch(candidate);

    [GeneratedRegex(@"(?<![\w/-])(?:\+|0)\d[\d ./()\u00A0-]*\d(?![\w:]|[.,/-]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Dialled();

    [GeneratedRegex(@"(?<![\w.+-])[\w.+%'-]+@[\w-]+(?:\.[\w-]+)*\.\p{L}{2,}(?!\w)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Email();

    // Starts after a space or an opening mark and stops before a letter, a colon or another number, so that a word's
    // digits ("under-16s", "Ares(2021)1234567"), a time ("10:00") or a list ("22,000") are never taken in part.
    [GeneratedRegex(@"(?<![\w+(.,:/-])(?:\+|\()?\d[\d ().\u00A0-]*\d(?![\w:]|[.,/-]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{4} ?- ?\d{4}|\d+\.\d+|[1-9]\d{0,2}(?:[ .\u00A0]\d{3})+)$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NotAPhone();
}
