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

    public void Migrate()
    {
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
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
        }
        if (connections.Dialect.Provider == DatabaseProvider.Sqlite)
        {
            using var connection = connections.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
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
        public void LogError(string format, params object[] args) => logger.LogError(format, args);
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, format, args);
    }
}
