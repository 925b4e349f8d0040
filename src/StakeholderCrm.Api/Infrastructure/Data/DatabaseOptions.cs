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

    /// <summary>
    /// SQLite only. Full (default) syncs the write-ahead log at every commit: a commit the API confirmed survives a
    /// power cut. Normal leaves syncing to the checkpoints: the database stays consistent, a process crash loses
    /// nothing, but a power cut or OS crash can roll back the last commits. See docs/benchmarks.md for what it buys.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// SQLite only: the page cache of each pooled connection. Queries give their connection back before the response
    /// is written, so a handful of connections serve the load and a large cache stays affordable (measured at the
    /// large benchmark size: 2 MB, 730 list pages/s; 16 MB, 1 330/s; peak RSS 160 MB either way).
    /// </summary>
    public int SqliteCacheMegabytes { get; set; } = 16;

    /// <summary>
    /// SQLite only: the size the database file may grow to (0, the default: as large as the volume allows). Below the
    /// volume's size it keeps headroom for the write-ahead log and a VACUUM; a write that would pass it is a 507, as on a full disk.
    /// </summary>
    public int SqliteMaxSizeMegabytes { get; set; }

    /// <summary>
    /// SQLite only: the write-ahead log is cut back to this size whenever a checkpoint has copied it into the database,
    /// so that one large transaction does not keep its space (issue 23: a 20 MB log filled a small volume for good).
    /// </summary>
    public int SqliteWalLimitMegabytes { get; set; } = 4;
}

public enum SqliteSynchronous { Full, Normal }
