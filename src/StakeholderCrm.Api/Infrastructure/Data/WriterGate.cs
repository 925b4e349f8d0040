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

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();
        public void Dispose() { }
    }
}
