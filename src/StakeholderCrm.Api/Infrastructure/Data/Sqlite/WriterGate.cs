using System.Data.Common;

namespace StakeholderCrm.Api.Infrastructure.Data.Sqlite;

/// <summary>
/// Serialises write transactions in this process on SQLite, which allows one writer at a time: queued writers wait
/// here on a semaphore instead of polling the database file. On SQL Server the gate is open.
/// <para>
/// Writers that queue behind each other commit together (group commit): each joins the open <see cref="WriteBatch"/>
/// inside its own savepoint, undone alone if it fails, and the last writer in line commits the batch. Every writer
/// answers only after that commit. A commit writes each page it changed to the log once, however many writers
/// changed it, and syncs once: one create alone wrote 39 pages and synced.
/// </para>
/// </summary>
public sealed class WriterGate(ConnectionFactory connections)
{
    /// <summary>Writers per batch at most, so the first of them does not wait on a long line behind it.</summary>
    public const int MaxBatch = 16;

    /// <summary>How long a writer waits for its batch's commit before it commits the batch itself.</summary>
    private static readonly TimeSpan OrphanCheck = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly bool enabled = connections.Dialect.Provider == DatabaseProvider.Sqlite;
    private int waiting;
    private long savepoints;

    // Read and written only by the holder of the gate.
    private WriteBatch? open;

    public bool Enabled => enabled;

    /// <summary>The gate alone, with no batch left open: for work that needs no writer in between.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!enabled) return NoGate.Instance;
        await WaitTurnAsync(cancellationToken);
        try
        {
            await CommitOpenAsync();
        }
        catch
        {
            ReleaseTurn();
            throw;
        }
        return new Release(this);
    }

    /// <summary>Joins the open batch, or begins one, inside a savepoint of this writer's own.</summary>
    public async Task<BatchMember> JoinAsync(CancellationToken cancellationToken)
    {
        if (!enabled) throw new InvalidOperationException("Only SQLite writers share a transaction.");
        await WaitTurnAsync(cancellationToken);
        try
        {
            open ??= await WriteBatch.BeginAsync(connections);
            var savepoint = $"writer{++savepoints}";
            await open.Transaction.SaveAsync(savepoint, CancellationToken.None);
            open.Members++;
            return new BatchMember(this, open, savepoint);
        }
        catch (Exception exception)
        {
            await FailOpenAsync(exception);
            ReleaseTurn();
            throw;
        }
    }

    private async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    /// <summary>
    /// Hands the gate on from the thread pool's global queue. Released directly, the next writer would resume from this
    /// thread's local queue, ahead of every request already waiting in the global one; under load a few connections
    /// then kept writing while the rest waited (measured: p99 174 ms against a 2 ms median at 32 connections, 14 ms after).
    /// </summary>
    private void ReleaseTurn() => ThreadPool.UnsafeQueueUserWorkItem(static g => g.Release(), gate, preferLocal: false);

    /// <summary>Called by the holder when its writer is done: the next writer in line continues the batch, or it commits.</summary>
    private async Task LeaveAsync(WriteBatch batch)
    {
        if (ReferenceEquals(open, batch) && batch.Members < MaxBatch)
        {
            // Nobody in line yet: requests already under way get one pass of the thread pool to reach the gate and join.
            // At 8 connections this cut commits by a third (186 → 129 syncs in 4 s) for 11 % more creates.
            if (Volatile.Read(ref waiting) == 0) await Task.Yield();
            if (Volatile.Read(ref waiting) > 0)
            {
                ReleaseTurn();
                return;
            }
        }
        await CommitOpenAsync();
        ReleaseTurn();
    }

    private async Task CommitOpenAsync()
    {
        if (open is not { } batch) return;
        open = null;
        await batch.CommitAsync();
    }

    private async Task FailOpenAsync(Exception exception)
    {
        if (open is not { } batch) return;
        open = null;
        await batch.FailAsync(exception);
    }

    /// <summary>
    /// Waits for the batch's commit. The writer that was to continue the batch may have given up its place (its request
    /// was cancelled); then nobody is left to commit, and this writer takes a turn to do it.
    /// </summary>
    private async Task AwaitCommitAsync(WriteBatch batch)
    {
        while (true)
        {
            try
            {
                await batch.Committed.WaitAsync(OrphanCheck);
                return;
            }
            catch (TimeoutException)
            {
                // Whatever batch is open now was handed to this turn to continue: an exclusive turn commits it.
                using (await EnterAsync(CancellationToken.None))
                {
                }
            }
        }
    }

    /// <summary>One writer's place in a batch: its savepoint, and the batch's connection and transaction to write with.</summary>
    public sealed class BatchMember
    {
        private readonly WriterGate gate;
        private readonly WriteBatch batch;
        private readonly string savepoint;
        private bool left;

        internal BatchMember(WriterGate gate, WriteBatch batch, string savepoint)
            => (this.gate, this.batch, this.savepoint) = (gate, batch, savepoint);

        public DbConnection Connection => batch.Connection;
        public DbTransaction Transaction => batch.Transaction;

        /// <summary>Keeps this writer's changes and returns once the batch holding them has committed.</summary>
        public async Task CommitAsync()
        {
            await LeaveAsync(keep: true);
            await gate.AwaitCommitAsync(batch);
        }

        /// <summary>Undoes this writer's changes only; the batch goes on.</summary>
        public Task RollbackAsync() => LeaveAsync(keep: false);

        private async Task LeaveAsync(bool keep)
        {
            if (left) return;
            left = true;
            try
            {
                if (!keep) await batch.Transaction.RollbackAsync(savepoint, CancellationToken.None);
                await batch.Transaction.ReleaseAsync(savepoint, CancellationToken.None);
            }
            catch (Exception exception)
            {
                // SQLite rolls a whole transaction back on some errors (a full disk, an I/O error): the batch ends here.
                await gate.FailOpenAsync(exception);
                gate.ReleaseTurn();
                if (keep) throw;
                return;
            }
            await gate.LeaveAsync(batch);
        }
    }

    private sealed class Release(WriterGate owner) : IDisposable
    {
        private int released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) owner.ReleaseTurn();
        }
    }

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();
        public void Dispose() { }
    }
}
