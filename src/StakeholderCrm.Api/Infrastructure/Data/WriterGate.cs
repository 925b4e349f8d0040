namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>
/// Serialises write transactions in this process on SQLite, which allows one writer at a time: queued writers
/// wait here on a semaphore instead of polling the database file. On SQL Server the gate is open.
/// </summary>
public sealed class WriterGate(ConnectionFactory connections)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly bool enabled = connections.Dialect.Provider == DatabaseProvider.Sqlite;

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!enabled) return NoGate.Instance;
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    /// <summary>
    /// Hands the gate on from the thread pool's global queue. Released directly, the next writer would resume from this
    /// thread's local queue, ahead of every request already waiting in the global one; under load a few connections
    /// then kept writing while the rest waited (measured: p99 174 ms against a 2 ms median at 32 connections, 14 ms after).
    /// </summary>
    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) ThreadPool.UnsafeQueueUserWorkItem(static g => g.Release(), gate, preferLocal: false);
        }
    }

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();
        public void Dispose() { }
    }
}
