using System.Collections.Concurrent;

namespace StakeholderCrm.Api.Infrastructure.Data.Sqlite;

/// <summary>
/// Open <see cref="ReusableSqliteConnection"/>s waiting for the next request, newest first (the warmest page cache).
/// A connection comes back only when idle; one left in a transaction or with a statement still reading is closed.
/// </summary>
public sealed class SqliteConnectionPool(int capacity) : IDisposable
{
    private readonly ConcurrentStack<ReusableSqliteConnection> idle = new();
    private volatile bool disposed;

    public ReusableSqliteConnection? TryTake() => idle.TryPop(out var connection) ? connection : null;

    public void Give(ReusableSqliteConnection connection)
    {
        if (disposed || idle.Count >= capacity || !connection.Idle)
        {
            connection.Dispose();
            return;
        }
        idle.Push(connection);
        // A connection given back while the pool was being emptied must not outlive it.
        if (disposed) Dispose();
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryPop(out var connection)) connection.Dispose();
    }
}
