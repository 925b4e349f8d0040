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

    public static string Where(IReadOnlyCollection<string> conditions)
        => conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
}
