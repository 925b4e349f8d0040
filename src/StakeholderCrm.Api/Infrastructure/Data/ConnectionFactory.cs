using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

using StakeholderCrm.Api.Infrastructure.Data.Sqlite;

namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>Opens connections to the configured database, with the per-connection settings each provider needs.</summary>
public sealed class ConnectionFactory : IDisposable
{
    /// <summary>Idle SQLite connections kept open for requests, each with its prepared statements.</summary>
    public const int PooledConnections = 64;

    private readonly Lazy<SqliteConnectionPool> pool = new(() => new SqliteConnectionPool(PooledConnections));

    static ConnectionFactory()
    {
        // Each connection serves one request at a time, so SQLite's per-call connection mutex (its default
        // "serialized" mode) only costs time: about 7 % of a list request's CPU, measured. This takes effect when it
        // runs before the first connection of the process opens; later it is refused and the default stays.
        // Memory statistics, which nothing here reads, take a global mutex around every allocation SQLite makes:
        // off, a briefing (which sorts and groups) is 5-10 % faster, measured.
        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
        SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }

    public ConnectionFactory(IOptions<DatabaseOptions> options, IConfiguration configuration, IHostEnvironment environment)
        : this(options.Value, configuration.GetConnectionString("Crm"), environment.ContentRootPath)
    {
    }

    /// <summary>A factory for another database than the configured one: the target of a transfer.</summary>
    public ConnectionFactory(DatabaseOptions options, string? connectionString, string contentRoot)
    {
        Options = options;
        Dialect = Dialect.For(Options.Provider);
        ConnectionString = Options.Provider == DatabaseProvider.SqlServer
            ? connectionString ?? throw new InvalidOperationException("ConnectionStrings:Crm is required when Database:Provider is SqlServer.")
            : SqliteConnectionString(connectionString, contentRoot);
        Retry = Options.Provider == DatabaseProvider.SqlServer ? SqlServerRetry.Create(Options) : null;
        SqliteFolder = Options.Provider == DatabaseProvider.Sqlite ? FolderOf(ConnectionString) : null;
    }

    public DatabaseOptions Options { get; }

    /// <summary>SQLite's default page size, which this API never changes: the unit of <c>max_page_count</c>.</summary>
    private const int PageSize = 4096;

    /// <summary>SqlClient's retry logic for SQL Server; SQLite needs none (a local file, one writer).</summary>
    public SqlRetryLogicBaseProvider? Retry { get; }
    public Dialect Dialect { get; }
    public string ConnectionString { get; }

    /// <summary>The folder of the SQLite database file, whose volume readiness watches; null for SQL Server or a database in memory.</summary>
    public string? SqliteFolder { get; }

    private static string? FolderOf(string connectionString)
        => new SqliteConnectionStringBuilder(connectionString) is { Mode: not SqliteOpenMode.Memory, DataSource: not (":memory:" or "") } builder
            && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
                ? Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) : null;

    /// <summary>A connection of the caller's own, closed when the caller disposes it.</summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(Dialect.Provider == DatabaseProvider.SqlServer
        ? new SqlConnection(ConnectionString) { RetryLogicProvider = Retry }
        : new SqliteConnection(ConnectionString), cancellationToken);

    /// <summary>
    /// A connection for one request or one write batch, handed back with <see cref="ReturnAsync"/>. On SQLite it comes
    /// from <see cref="SqliteConnectionPool"/> and reuses the statements it prepared for earlier requests (ADR 007).
    /// </summary>
    public async Task<DbConnection> RentAsync(CancellationToken cancellationToken)
    {
        if (Dialect.Provider == DatabaseProvider.SqlServer) return await OpenAsync(cancellationToken);
        // A kept connection is returned as it is: a pragma run on it, even one that changes nothing, can make SQLite
        // prepare every kept statement again (foreign_keys does), which would undo the point of keeping them.
        return pool.Value.TryTake() ?? await OpenAsync(new ReusableSqliteConnection(ConnectionString), cancellationToken);
    }

    /// <summary>
    /// On SQLite, copies the write-ahead log into the database file and truncates it, so that what secure_delete zeroed
    /// is gone from both files (ADR 019). It tries once: false when a reader or writer kept it from finishing (it then
    /// copied what it could, and the next checkpoint does the rest); true on SQL Server, which has nothing to do here.
    /// </summary>
    public async Task<bool> CheckpointAsync(CancellationToken cancellationToken)
    {
        if (Dialect.Provider != DatabaseProvider.Sqlite) return true;
        await using var connection = await OpenAsync(cancellationToken);
        // Without the connection's busy_timeout a busy checkpoint answers at once rather than holding the erasure's answer
        // back for seconds; the next open sets the timeout again.
        await using (var noWait = connection.CreateCommand())
        {
            noWait.CommandText = "PRAGMA busy_timeout = 0;";
            await noWait.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        return Convert.ToInt64(await checkpoint.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0;
    }

    public ValueTask ReturnAsync(DbConnection connection)
    {
        if (connection is not ReusableSqliteConnection reusable) return connection.DisposeAsync();
        pool.Value.Give(reusable);
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        if (pool.IsValueCreated) pool.Value.Dispose();
    }

    private async Task<DbConnection> OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection sqlite)
            {
                // The planner ignores bound values (SQLite's query planner stability guarantee). Otherwise a statement
                // whose plan could depend on one, such as `@Cleared = 1 OR ...`, is prepared again at every run, and a
                // kept statement (ADR 007) saves nothing. Plans are then the same whatever the values, as the plan tests check.
                var rc = SQLitePCL.raw.sqlite3_db_config(sqlite.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out int _);
                SqliteException.ThrowExceptionForRC(rc, sqlite.Handle);
                await using var pragma = connection.CreateCommand();
                // SQLite waits inside the engine rather than in the provider's coarse 150 ms retry loop. Temporary
                // storage stays in memory: each writer in a shared batch keeps the pages it changes in a savepoint journal,
                // which otherwise went to a temporary file once past 64 KB (41 MB written in 3 s of creates, measured).
                // Deleted and overwritten content is zeroed, so an erased person's data leaves the file (ADR 019).
                pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON; "
                    + $"PRAGMA synchronous = {Options.SqliteSynchronous.ToString().ToUpperInvariant()}; "
                    + $"PRAGMA cache_size = -{Options.SqliteCacheMegabytes * 1024}; "
                    + $"PRAGMA journal_size_limit = {Options.SqliteWalLimitMegabytes * 1024L * 1024}; "
                    + (Options.SqliteMaxSizeMegabytes > 0 ? $"PRAGMA max_page_count = {Options.SqliteMaxSizeMegabytes * 1024L * 1024 / PageSize}; " : "")
                    + "PRAGMA temp_store = MEMORY;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? "")
        {
            ForeignKeys = true,
            Pooling = true,
        };
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, "data", "stakeholdercrm.db");
        }
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            try
            {
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw StartupFaults.FolderCannotBeCreated(builder.DataSource, e);
            }
        }
        return builder.ToString();
    }
}
