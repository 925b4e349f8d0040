using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Engine.Output;

namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>Applies the numbered scripts of <c>db/sqlite</c> or <c>db/sqlserver</c> (embedded in this assembly) with DbUp.</summary>
public sealed class Migrator(ConnectionFactory connections, ILogger<Migrator> logger)
{
    public const string SqliteResourcePrefix = "Migrations.Sqlite.";
    public const string SqlServerResourcePrefix = "Migrations.SqlServer.";

    /// <summary>
    /// Lets an aggregate view read in one snapshot (<see cref="DbSession.InReadSnapshotAsync{T}"/>). Run outside the
    /// migrations, whose per-script transactions SQL Server refuses ALTER DATABASE in; setting it again changes nothing.
    /// </summary>
    private static readonly SqlText AllowSnapshots = new(Sqlite: "SELECT 1", SqlServer: "ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON");

    /// <summary>The <c>user_version</c> of a SQLite database vacuumed once since secure_delete (<see cref="VacuumOnce"/>).</summary>
    public const int SecureDeleteBaseline = 1;

    public void Migrate()
    {
        if (connections.Dialect.Provider == DatabaseProvider.Sqlite) StartupFaults.CheckSqliteFile(connections.ConnectionString);
        if (connections.Dialect.Provider == DatabaseProvider.SqlServer)
        {
            EnsureDatabase.For.SqlDatabase(connections.ConnectionString, new UpgradeLog(logger));
            using var connection = connections.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var allow = connection.CreateCommand();
            allow.CommandText = AllowSnapshots.SqlServer;
            allow.ExecuteNonQuery();
        }
        var result = Engine().PerformUpgrade();
        if (!result.Successful)
        {
            // DbUp names no script when it failed before the first one, reading its journal of applied scripts.
            throw new InvalidOperationException(result.ErrorScript is { } script
                ? $"Migration {script.Name} failed." : "Migrations could not read which scripts were applied.", result.Error);
        }
        if (connections.Dialect.Provider == DatabaseProvider.Sqlite)
        {
            using var connection = connections.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
            VacuumOnce(connection);
        }
    }

    /// <summary>
    /// secure_delete zeroes only what is deleted after it was switched on (ADR 019): what a database deleted before lies in
    /// free pages and in the free space of pages until overwritten. One VACUUM rewrites the whole file; <c>user_version</c>
    /// records it, so that it runs once per database, at the first start of a version that has this.
    /// </summary>
    private void VacuumOnce(System.Data.Common.DbConnection connection)
    {
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        if (Convert.ToInt64(version.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) >= SecureDeleteBaseline) return;
        logger.LogInformation("Rewriting the database file once (VACUUM), so that data deleted before secure_delete leaves it.");
        try
        {
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = $"VACUUM; PRAGMA user_version = {SecureDeleteBaseline};";
            vacuum.ExecuteNonQuery();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            // VACUUM needs free space about the file's size: without it the API still starts, and tries again next time.
            logger.LogWarning("The one-time VACUUM of the database failed ({Reason}); it is tried again at the next start.", e.Message);
        }
    }

    public IReadOnlyList<string> PendingScripts() => Engine().GetScriptsToExecute().Select(s => s.Name).ToList();

    private UpgradeEngine Engine()
    {
        var sqlServer = connections.Dialect.Provider == DatabaseProvider.SqlServer;
        var prefix = sqlServer ? SqlServerResourcePrefix : SqliteResourcePrefix;
        UpgradeEngineBuilder builder = sqlServer
            ? DeployChanges.To.SqlDatabase(connections.ConnectionString)
            : DeployChanges.To.SqliteDatabase(connections.ConnectionString);
        return builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new UpgradeLog(logger))
            .Build();
    }

    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(format, args);
        public void LogDebug(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogInformation(string format, params object[] args) => logger.LogInformation(format, args);
        public void LogWarning(string format, params object[] args) => logger.LogWarning(format, args);
        // A failure is reported once, in words, by whoever started the migrations (StartupFaults); DbUp's own report is
        // the stack trace, kept for Debug.
        public void LogError(string format, params object[] args) => logger.LogDebug(format, args);
        public void LogError(Exception ex, string format, params object[] args) => logger.LogDebug(ex, format, args);
    }
}
