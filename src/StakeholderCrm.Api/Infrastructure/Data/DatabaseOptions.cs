namespace StakeholderCrm.Api.Infrastructure.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>The <c>Database</c> configuration section; the connection string is <c>ConnectionStrings:Crm</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public bool MigrateOnStartup { get; set; } = true;
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of a transient SQL Server fault when opening a connection or reading.</summary>
    public int RetryCount { get; set; } = 3;

    public int RetryMaxDelaySeconds { get; set; } = 10;
}
