namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>The few fragments of SQL that differ between SQLite and SQL Server, side by side.</summary>
public sealed record Dialect(DatabaseProvider Provider, string LimitClause)
{
    public static readonly Dialect Sqlite = new(DatabaseProvider.Sqlite, "LIMIT @Take");
    public static readonly Dialect SqlServer = new(DatabaseProvider.SqlServer, "OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY");

    public static Dialect For(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer ? SqlServer : Sqlite;
}
