namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>
/// One SQL statement in both dialects. Portable statements carry the same text twice; dialect-specific ones
/// keep both variants side by side. Every <see cref="SqlText"/> field in the assembly is parsed as T-SQL by a test.
/// </summary>
public sealed record SqlText(string Sqlite, string SqlServer)
{
    public static SqlText Portable(string sql) => new(sql, sql);

    /// <summary>A statement ending in ORDER BY, cut to <paramref name="take"/> rows the way each dialect does it.</summary>
    public static SqlText Limited(string ordered, string take = "@Take")
        => new($"{ordered} {Dialect.Sqlite.LimitClause.Replace("@Take", take)}", $"{ordered} {Dialect.SqlServer.LimitClause.Replace("@Take", take)}");

    /// <summary>Statements sent in one round trip, read one result set after the other.</summary>
    public static SqlText Batch(params SqlText[] statements)
        => new(string.Join(";\n", statements.Select(s => s.Sqlite)), string.Join(";\n", statements.Select(s => s.SqlServer)));

    public string For(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer ? SqlServer : Sqlite;
}
