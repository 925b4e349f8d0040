using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>Opens connections to the configured database, with the per-connection settings each provider needs.</summary>
public sealed class ConnectionFactory
{
    static ConnectionFactory()
    {
        // Each connection serves one request at a time, so SQLite's per-call connection mutex (its default
        // "serialized" mode) only costs time: about 7 % of a list request's CPU, measured. This takes effect when it
        // runs before the first connection of the process opens; later it is refused and the default stays.
        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
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
    }

    public DatabaseOptions Options { get; }

    /// <summary>SqlClient's retry logic for SQL Server; SQLite needs none (a local file, one writer).</summary>
    public SqlRetryLogicBaseProvider? Retry { get; }
    public Dialect Dialect { get; }
    public string ConnectionString { get; }

    /// <summary>Set while <see cref="SqliteCheckpointer"/> runs: commits then leave the write-ahead log to it.</summary>
    public bool DeferCheckpoints { get; set; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Dialect.Provider == DatabaseProvider.SqlServer
            ? new SqlConnection(ConnectionString) { RetryLogicProvider = Retry }
            : new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection)
            {
                await using var pragma = connection.CreateCommand();
                // SQLite waits inside the engine rather than in the provider's coarse 150 ms retry loop. Temporary
                // storage stays in memory: each writer in a shared batch keeps the pages it changes in a savepoint journal,
                // which otherwise went to a temporary file once past 64 KB (41 MB written in 3 s of creates, measured).
                pragma.CommandText = $"PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = {(DeferCheckpoints ? 0 : 1000)}; "
                    + $"PRAGMA synchronous = {Options.SqliteSynchronous.ToString().ToUpperInvariant()}; PRAGMA cache_size = -{Options.SqliteCacheMegabytes * 1024}; "
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
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        return builder.ToString();
    }
}
