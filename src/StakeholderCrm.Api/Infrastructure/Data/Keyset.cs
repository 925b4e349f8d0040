namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>Keyset paging fragments on (sort column, id), written so that an index on that pair serves the range.</summary>
public static class Keyset
{
    public static string After(string column, string idColumn, bool descending, string valueParameter)
    {
        var compare = descending ? "<" : ">";
        return $"{column} {compare}= {valueParameter} AND ({column} {compare} {valueParameter} OR {idColumn} {compare} @CursorId)";
    }

    public static string OrderBy(string column, string idColumn, bool descending)
    {
        var direction = descending ? "DESC" : "ASC";
        return $"ORDER BY {column} {direction}, {idColumn} {direction}";
    }

    /// <summary>
    /// Reads a list's <c>sort</c> parameter, a field name with an optional leading '-' for descending, into the
    /// column the field sorts on; null when the field is not one of <paramref name="columns"/>.
    /// </summary>
    public static (string Name, string Column, bool Descending)? ParseSort(
        string? sort, string defaultSort, IReadOnlyDictionary<string, string> columns)
    {
        var text = string.IsNullOrEmpty(sort) ? defaultSort : sort;
        var descending = text.StartsWith('-');
        return columns.TryGetValue(descending ? text[1..] : text, out var column) ? (text, column, descending) : null;
    }

    public static string Where(IReadOnlyCollection<string> conditions)
        => conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
}

/// <summary>A list's <c>sort</c> parameter: the fields it sorts by (each ascending, or descending with a leading '-') and its default.</summary>
public interface ISortOrder
{
    static abstract IReadOnlyCollection<string> Fields { get; }
    static abstract string Default { get; }
}
