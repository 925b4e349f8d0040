using System.Globalization;
using System.Text;

namespace StakeholderCrm.Api.Infrastructure.Rules;

/// <summary>Text rules shared by slices: lengths in characters, web addresses, and the keys used for uniqueness and search.</summary>
public static class Text
{
    /// <summary>The longest search term kept, and the longest <c>q</c> accepted.</summary>
    public const int MaxTermLength = 200;

    public const string SearchableMessage = "'q' must contain a letter or digit and be at most 200 characters.";

    /// <summary>A <c>q</c> that can be searched: a letter or digit, and not longer than a term.</summary>
    public static bool IsSearchable(string q) => Characters(q) <= MaxTermLength && SearchKey(q).Length > 0;

    /// <summary>Length in Unicode characters (not UTF-16 units), so every script gets the same allowance.</summary>
    public static int Characters(string? value) => value is null ? 0 : value.EnumerateRunes().Count();

    public static bool IsWebAddress(string value)
        => value.Length <= 2048 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static bool Distinct(IReadOnlyList<string>? values)
        => values is null || values.Select(v => Key(v ?? "")).Distinct(StringComparer.Ordinal).Count() == values.Count;

    /// <summary>The key two names share when they differ only in case or surrounding space: unique indexes and name order use it.</summary>
    public static string Key(string value) => value.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();

    /// <summary>Lower case, accents removed, words joined by single spaces: "Österreichischer  Rundfunk" → "osterreichischer rundfunk".</summary>
    public static string SearchKey(string value)
    {
        var folded = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) continue;
            if (char.IsLetterOrDigit(c) || char.IsSurrogate(c))
            {
                if (pendingSpace && folded.Length > 0) folded.Append(' ');
                pendingSpace = false;
                folded.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Every word-suffix of each text's search key ("tik tok ltd", "tok ltd", "ltd"), so that a prefix range on an
    /// indexed column finds a query that starts at any word.
    /// </summary>
    public static IReadOnlyCollection<string> SearchTerms(IEnumerable<string> texts)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in texts.Select(SearchKey).Where(k => k.Length > 0))
        {
            for (var start = 0; start >= 0 && start < key.Length; start = NextWord(key, start))
            {
                var term = key[start..];
                terms.Add(term.Length > MaxTermLength ? term[..MaxTermLength] : term);
            }
        }
        return terms;
    }

    public const int MaxWordLength = 100;

    /// <summary>The distinct words of the texts' search keys, each cut to 100 characters.</summary>
    public static IEnumerable<string> Words(IEnumerable<string?> texts)
        => texts.OfType<string>()
            .SelectMany(text => SearchKey(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(word => word.Length > MaxWordLength ? word[..MaxWordLength] : word)
            .Distinct(StringComparer.Ordinal);

    /// <summary>The half-open range [from, to) of terms that start with the query's search key.</summary>
    public static (string From, string To) PrefixRange(string query)
    {
        var from = SearchKey(query);
        if (from.Length > MaxTermLength) from = from[..MaxTermLength];
        var last = from[^1];
        var to = last == char.MaxValue ? from + char.MaxValue : from[..^1] + (char)(last + 1);
        return (from, to);
    }

    private static int NextWord(string key, int start)
    {
        var space = key.IndexOf(' ', start);
        return space < 0 ? -1 : space + 1;
    }
}
