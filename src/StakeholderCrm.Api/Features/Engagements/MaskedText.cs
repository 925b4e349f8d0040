namespace StakeholderCrm.Api.Features.Engagements;

/// <summary>
/// What an editor who may not see a restricted person sends back: text read masked and returned unchanged keeps the
/// stored words, so that an edit never writes "Restricted person" over a name its author was not shown. Text they
/// changed is theirs, as written.
/// </summary>
internal static class MaskedText
{
    public static EngagementFields Restore(EngagementFields written, EngagementFields seen, EngagementFields stored) => written with
    {
        Title = Kept(written.Title, seen.Title, stored.Title),
        Location = Kept(written.Location, seen.Location, stored.Location),
        Purpose = Kept(written.Purpose, seen.Purpose, stored.Purpose),
        Summary = Kept(written.Summary, seen.Summary, stored.Summary),
        KeyPoints = written.KeyPoints.Select(k => Stored(k, seen.KeyPoints, stored.KeyPoints)).ToList(),
        Links = written.Links.Select(l => Stored(l, seen.Links, stored.Links)).ToList(),
    };

    private static string? Kept(string? written, string? seen, string? stored) => written == seen ? stored : written;

    /// <summary>The stored item the caller read as <paramref name="item"/>; masking keeps the lists' order and length.</summary>
    private static T Stored<T>(T item, IReadOnlyList<T> seen, IReadOnlyList<T> stored)
    {
        for (var i = 0; i < seen.Count; i++)
        {
            if (Equals(seen[i], item)) return stored[i];
        }
        return item;
    }
}
