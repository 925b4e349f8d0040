namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>
/// One SQL statement in both dialects. Portable statements carry the same text twice; dialect-specific ones
/// keep both variants side by side. Every <see cref="SqlText"/> field in the assembly is parsed as T-SQL by a test.
/// </summary>
public sealed record SqlText(string Sqlite, string SqlServer)
{
    public static SqlText Portable(string sql) => new(sql, sql);

    /// <summary>A statement ending in ORDER BY, cut to <c>@Take</c> rows the way each dialect does it.</summary>
    public static SqlText Limited(string ordered)
        => new($"{ordered} {Dialect.Sqlite.LimitClause}", $"{ordered} {Dialect.SqlServer.LimitClause}");

    public string For(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer ? SqlServer : Sqlite;
}
