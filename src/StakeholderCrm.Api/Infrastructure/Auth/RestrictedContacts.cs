using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Auth;

/// <summary>
/// Contacts whose processing is restricted (Article 20 of Regulation (EU) 2018/1725) exist only for admins: every read
/// that lists, finds or exports people adds one of these fragments and binds <c>@SeesRestricted</c> from <see cref="Caller.IsAdmin"/>;
/// a record that names one (an engagement) shows the participation under <see cref="Pseudonym"/>.
/// </summary>
public static class RestrictedContacts
{
    public const string Pseudonym = "Restricted person";

    /// <summary>The contact row <paramref name="alias"/> is visible.</summary>
    public static string Visible(string alias) => $"(@SeesRestricted = 1 OR {alias}.restricted = 0)";

    /// <summary>
    /// A change row that is not about a restricted contact, or a caller who sees those. Its erasure is shown all the same,
    /// so that a synced system erases the person too; the row holds only the pseudonym.
    /// </summary>
    public static string VisibleChange(string typeColumn, string idColumn, string operationColumn)
        => $"(@SeesRestricted = 1 OR {typeColumn} <> 'contact' OR {operationColumn} = 'erased' "
            + $"OR {idColumn} NOT IN (SELECT rc.id FROM contacts rc WHERE rc.restricted = 1))";

    private static readonly SqlText IsRestricted = SqlText.Portable("SELECT COUNT(*) FROM contacts WHERE id = @Id AND restricted = 1");
    private static readonly SqlText AllRestricted = SqlText.Portable("SELECT id, full_name FROM contacts WHERE restricted = 1");

    /// <summary>True when the caller may not see this entity: a restricted contact, to a caller other than an admin.</summary>
    public static async Task<bool> HidesAsync(DbSession session, Caller caller, string entityType, Guid id, CancellationToken cancellationToken)
        => !caller.IsAdmin && entityType == "contact" && await session.ExecuteScalarAsync<long>(IsRestricted, new { Id = id }, cancellationToken) > 0;

    /// <summary>
    /// How stored snapshots (history, the change feed) read to <paramref name="caller"/>: each object naming a restricted
    /// contact by <c>contactId</c> or <c>id</c> loses its <c>fullName</c> and <c>title</c>, and their name in any text
    /// (a duty's reasons, a summary) reads <see cref="Pseudonym"/>, as a live read shows it.
    /// </summary>
    public static async Task<Func<string, string>> SnapshotsAsync(DbSession session, Caller caller, CancellationToken cancellationToken)
    {
        if (caller.IsAdmin) return json => json;
        var restricted = (await session.QueryAsync<(Guid Id, string FullName)>(AllRestricted, null, cancellationToken)).ToList();
        if (restricted.Count == 0) return json => json;
        var ids = restricted.Select(r => r.Id.ToString()).ToHashSet();
        var names = restricted.Select(r => r.FullName).ToList();
        // Stored JSON escapes accents and apostrophes ("Zo\u00EB", "O\u0027Brien"): the quick look searches both spellings.
        var escaped = names.Select(name => System.Text.Json.JsonEncodedText.Encode(name).ToString()).ToList();
        return json => ids.Any(id => json.Contains(id, StringComparison.OrdinalIgnoreCase)) || Mentions(json, names) || Mentions(json, escaped)
            ? Mask(json, ids, names) : json;
    }

    private static readonly SqlText RestrictedNames = SqlText.Portable("SELECT full_name FROM contacts WHERE restricted = 1");

    /// <summary>The names of the restricted contacts, for text <paramref name="caller"/> reads; none for an admin.</summary>
    public static async Task<IReadOnlyList<string>> NamesAsync(DbSession session, Caller caller, CancellationToken cancellationToken)
        => caller.IsAdmin ? [] : (await session.QueryAsync<string>(RestrictedNames, null, cancellationToken)).ToList();

    /// <summary>
    /// <paramref name="text"/> with each of <paramref name="names"/> read as <see cref="Pseudonym"/>, in any case and in the
    /// forms a report uses: the full name either way round ("DOE Jane"), an initial ("J. Doe"), or the surname alone
    /// when it has three letters or more.
    /// </summary>
    public static string WithoutNames(string text, IReadOnlyCollection<string> names)
        => names.Where(n => n.Trim().Length > 0).Aggregate(text, (t, name) => Forms(name).Any(f => t.Contains(f, StringComparison.OrdinalIgnoreCase))
            ? Regex.Replace(t, Pattern(name), Pseudonym, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout)
            : t);

    /// <summary>Whether <paramref name="text"/> may name one of <paramref name="names"/> in a form <see cref="WithoutNames"/> masks.</summary>
    public static bool Mentions(string text, IReadOnlyCollection<string> names)
        => names.Where(n => n.Trim().Length > 0).Any(name => Forms(name).Any(f => text.Contains(f, StringComparison.OrdinalIgnoreCase)));

    private static string[] Forms(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } words
        ? new[] { name, $"{words[^1]} {words[0]}", $"{words[0][0]}. {words[^1]}" }.Concat(words[^1].Length >= 3 ? [words[^1]] : []).ToArray()
        : [name.Trim()];

    /// <summary>Longer forms first, so that a full name is one mask rather than a first name and a mask.</summary>
    private static string Pattern(string name)
        => $@"(?<!\w)(?:{string.Join("|", Forms(name).OrderByDescending(f => f.Length).Select(f => Regex.Escape(f).Replace(@"\ ", @"\s+")))})(?!\w)";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static string Mask(string json, HashSet<string> ids, IReadOnlyCollection<string> names)
    {
        var root = JsonNode.Parse(json);
        return Mask(root, ids, names) is { } text ? JsonValue.Create(text).ToJsonString() : root?.ToJsonString() ?? json;
    }

    /// <summary>Masks <paramref name="node"/> in place; a string value, which cannot be, is returned masked.</summary>
    private static string? Mask(JsonNode? node, HashSet<string> ids, IReadOnlyCollection<string> names)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Mask(array[i], ids, names) is { } text) array[i] = text;
                }
                break;
            case JsonObject item:
                if (item.ContainsKey("fullName") && (Names(item, "contactId", ids) || Names(item, "id", ids)))
                {
                    item["fullName"] = Pseudonym;
                    if (item.ContainsKey("title")) item["title"] = null;
                }
                foreach (var (key, value) in item.ToList())
                {
                    if (Mask(value, ids, names) is { } text) item[key] = text;
                }
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                var masked = WithoutNames(text, names);
                return masked == text ? null : masked;
        }
        return null;
    }

    private static bool Names(JsonObject item, string property, HashSet<string> ids)
        => item[property] is JsonValue value && value.TryGetValue<string>(out var id) && ids.Contains(id.ToLowerInvariant());
}
