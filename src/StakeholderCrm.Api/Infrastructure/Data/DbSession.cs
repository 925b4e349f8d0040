using System.Data;
using System.Data.Common;
using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Data.Sqlite;
using StakeholderCrm.Api.Infrastructure.Data.Sqlite;

namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>
/// The request's database connection, opened on first use, and the command's transaction when one is running.
/// Every statement goes through here so that the transaction, the timeout, the cancellation token and the
/// translation of constraint errors are never forgotten.
/// </summary>
public sealed class DbSession(ConnectionFactory connections, WriterGate writerGate) : IAsyncDisposable
{
    /// <summary>Round trips to the database, for the "fixed number of statements per read" checks and for operators.</summary>
    public static readonly Meter Meter = new("StakeholderCrm.Database");
    private static readonly Counter<long> Commands = Meter.CreateCounter<long>("stakeholdercrm.db.commands", description: "SQL commands sent");

    private DbConnection? connection;
    private DbTransaction? transaction;
    private DbTransaction? readTransaction;
    private WriterGate.BatchMember? member;
    private bool writePending;

    public Dialect Dialect => connections.Dialect;
    public DatabaseProvider Provider => connections.Dialect.Provider;

    /// <summary>A transaction is running, or will begin at this session's first write.</summary>
    public bool InTransaction => writePending || transaction is not null;

    /// <summary>A write transaction has begun: a statement wrote, or a command began at once.</summary>
    public bool Writing => transaction is not null;

    /// <summary>
    /// Begins a command's transaction at its first write, so the reads before it (reference checks, the current row, an
    /// idempotent answer) run outside it and never queue behind other writers on SQLite's gate. What they read must be
    /// guarded by the write itself (the version in the WHERE clause, a unique index, a foreign key, a check repeated
    /// after the write); where it is not, the unit of work begins at once instead (ADR 011).
    /// </summary>
    public void BeginOnFirstWrite()
    {
        if (InTransaction) throw new InvalidOperationException("A transaction is already running.");
        writePending = true;
    }

    /// <summary>
    /// Begins a write transaction: on SQLite a place in the writers' shared batch, held until it commits or rolls back;
    /// on SQL Server a transaction of this session's own.
    /// </summary>
    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (InTransaction) throw new InvalidOperationException("A transaction is already running.");
        if (writerGate.Enabled)
        {
            // The batch has a connection of its own; this request's, if it read first, goes back to the pool.
            await ReleaseConnectionAsync();
            member = await writerGate.JoinAsync(cancellationToken);
            (connection, transaction) = (member.Connection, member.Transaction);
            return;
        }
        var open = await ConnectionAsync(cancellationToken);
        transaction = await open.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        writePending = false;
        if (transaction is null) return;
        if (LeaveBatch() is { } leaving)
        {
            await leaving.CommitAsync();
            return;
        }
        await transaction.CommitAsync(cancellationToken);
        await EndTransactionAsync();
    }

    /// <summary>Marks a point the transaction can return to, so one item of a batch can fail alone.</summary>
    public async Task SaveAsync(string savepoint, CancellationToken cancellationToken)
    {
        await StartPendingAsync(cancellationToken);
        await (transaction ?? throw new InvalidOperationException("No transaction is running.")).SaveAsync(savepoint, cancellationToken);
    }

    public Task RollbackToAsync(string savepoint)
        => (transaction ?? throw new InvalidOperationException("No transaction is running.")).RollbackAsync(savepoint, CancellationToken.None);

    public async Task RollbackAsync()
    {
        writePending = false;
        if (transaction is null) return;
        if (LeaveBatch() is { } leaving)
        {
            await leaving.RollbackAsync();
            return;
        }
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        finally
        {
            await EndTransactionAsync();
        }
    }

    public Task<IEnumerable<T>> QueryAsync<T>(SqlText sql, object? param, CancellationToken cancellationToken)
        => QueryAsync<T>(sql.For(Provider), param, cancellationToken);

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? param, CancellationToken cancellationToken)
        => RunAsync(c => c.QueryAsync<T>(Command(sql, param, cancellationToken)), cancellationToken);

    public Task<T?> QuerySingleOrDefaultAsync<T>(SqlText sql, object? param, CancellationToken cancellationToken)
        => RunAsync(c => c.QuerySingleOrDefaultAsync<T>(Command(sql.For(Provider), param, cancellationToken)), cancellationToken);

    public Task<T?> ExecuteScalarAsync<T>(SqlText sql, object? param, CancellationToken cancellationToken)
        => RunAsync(c => c.ExecuteScalarAsync<T>(Command(sql.For(Provider), param, cancellationToken)), cancellationToken);

    /// <summary>Runs a batch of statements in one round trip and reads its result sets inside <paramref name="read"/>.</summary>
    public Task<T> QueryMultipleAsync<T>(SqlText sql, object? param, Func<SqlMapper.GridReader, Task<T>> read, CancellationToken cancellationToken)
        => RunAsync(async c =>
        {
            await using var grid = await c.QueryMultipleAsync(Command(sql.For(Provider), param, cancellationToken));
            return await read(grid);
        }, cancellationToken);

    public async Task<int> ExecuteAsync(SqlText sql, object? param, CancellationToken cancellationToken)
    {
        await StartPendingAsync(cancellationToken);
        return await RunAsync(c => c.ExecuteAsync(Command(sql.For(Provider), param, cancellationToken)), cancellationToken);
    }

    /// <summary>
    /// Hands the connection back to the pool outside a transaction; the next statement takes one again. A query's
    /// results are read into memory, so the connection is not held while the response is serialised and sent: fewer
    /// connections (each with its own page cache) serve the same load.
    /// </summary>
    public async Task ReleaseConnectionAsync()
    {
        if (transaction is not null || connection is null) return;
        await connections.ReturnAsync(connection);
        connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        if (connection is not null) await connections.ReturnAsync(connection);
        connection = null;
    }

    /// <summary>
    /// Runs the statements of <paramref name="read"/> in one read snapshot, for an aggregate view of several result sets.
    /// Inside a transaction they simply join it. Otherwise this begins one on the session's connection: on SQLite a
    /// deferred (read) transaction, whose first read fixes the snapshot the others see; on SQL Server a snapshot
    /// transaction (the migrator allows snapshot isolation), which takes no locks. A transient fault repeats the whole
    /// read; the connection then goes back to the pool, which on SQL Server resets the isolation level.
    /// </summary>
    public Task<T> InReadSnapshotAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        if (InTransaction || readTransaction is not null) return read();
        return connections.Retry is { } retry ? retry.ExecuteAsync(this, ReadOnceAsync, cancellationToken) : ReadOnceAsync();

        async Task<T> ReadOnceAsync()
        {
            if (connection is { State: not ConnectionState.Open } broken)
            {
                await broken.DisposeAsync();
                connection = null;
            }
            var open = await ConnectionAsync(cancellationToken);
            readTransaction = open is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await open.BeginTransactionAsync(IsolationLevel.Snapshot, cancellationToken);
            try
            {
                var result = await read();
                await readTransaction.CommitAsync(cancellationToken);
                return result;
            }
            finally
            {
                await readTransaction.DisposeAsync();
                readTransaction = null;
                await ReleaseConnectionAsync();
            }
        }
    }

    private async Task StartPendingAsync(CancellationToken cancellationToken)
    {
        if (!writePending) return;
        writePending = false;
        await BeginAsync(cancellationToken);
    }

    private async Task<DbConnection> ConnectionAsync(CancellationToken cancellationToken)
        => connection ??= await connections.RentAsync(cancellationToken);

    private CommandDefinition Command(string sql, object? param, CancellationToken cancellationToken)
        => new(sql, param, transaction ?? readTransaction, connections.Options.CommandTimeoutSeconds, cancellationToken: cancellationToken);

    /// <summary>Outside a transaction only reads run, and those SqlClient's retry logic may repeat on a fresh connection.</summary>
    private Task<T> RunAsync<T>(Func<DbConnection, Task<T>> statement, CancellationToken cancellationToken)
        => transaction is null && readTransaction is null && connections.Retry is { } retry
            ? retry.ExecuteAsync(this, () => RunOnceAsync(statement, cancellationToken), cancellationToken)
            : RunOnceAsync(statement, cancellationToken);

    private async Task<T> RunOnceAsync<T>(Func<DbConnection, Task<T>> statement, CancellationToken cancellationToken)
    {
        if (connection is { State: not ConnectionState.Open } broken && transaction is null)
        {
            await broken.DisposeAsync();
            connection = null;
        }
        var open = await ConnectionAsync(cancellationToken);
        Commands.Add(1);
        try
        {
            return await statement(open);
        }
        catch (DbException exception)
        {
            var translated = DatabaseErrors.Translate(exception);
            if (ReferenceEquals(translated, exception)) throw;
            throw translated;
        }
    }

    /// <summary>The batch keeps its connection and transaction; this session lets go of them.</summary>
    private WriterGate.BatchMember? LeaveBatch()
    {
        var leaving = member;
        if (leaving is not null) (connection, transaction, member) = (null, null, null);
        return leaving;
    }

    private async Task EndTransactionAsync()
    {
        if (transaction is not null) await transaction.DisposeAsync();
        transaction = null;
    }
}
