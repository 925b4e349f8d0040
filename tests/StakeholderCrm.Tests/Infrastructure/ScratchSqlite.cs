using Microsoft.Data.Sqlite;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>A SQLite database file of a test's own, in a temporary folder removed with it.</summary>
public sealed class ScratchSqlite : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "stakeholdercrm-scratch", Guid.NewGuid().ToString("N"));

    public ScratchSqlite()
    {
        Directory.CreateDirectory(folder);
        ConnectionString = $"Data Source={Path.Combine(folder, "scratch.db")}";
        Connections = new ConnectionFactory(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }, ConnectionString, folder);
    }

    public string ConnectionString { get; }
    public ConnectionFactory Connections { get; }

    public void Dispose()
    {
        Connections.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
