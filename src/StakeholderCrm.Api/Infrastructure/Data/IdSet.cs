using System.Text.Json;

namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>
/// A set of ids passed as one JSON array parameter <c>@Ids</c>, so statements stay constant whatever the set's size:
/// <c>{ids}</c> in a template becomes a subquery over <c>json_each</c> (SQLite) or <c>OPENJSON</c> (SQL Server).
/// </summary>
public static class IdSet
{
    public static SqlText Statement(string template) => new(
        Sqlite: template.Replace("{ids}", "SELECT value FROM json_each(@Ids)", StringComparison.Ordinal),
        SqlServer: template.Replace("{ids}", "SELECT CAST([value] AS uniqueidentifier) FROM OPENJSON(@Ids)", StringComparison.Ordinal));

    public static string Json(IEnumerable<Guid> ids) => JsonSerializer.Serialize(ids.Distinct().Select(id => id.ToString("D")));
}
