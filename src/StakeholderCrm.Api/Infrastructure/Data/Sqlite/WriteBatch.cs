using System.Data;
using System.Data.Common;

namespace StakeholderCrm.Api.Infrastructure.Data.Sqlite;

/// <summary>The transaction writers share until the last of them commits it; each writer's changes sit in a savepoint.</summary>
public sealed class WriteBatch
{
    private readonly TaskCompletionSource committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly ConnectionFactory connections;

    private WriteBatch(ConnectionFactory connections, DbConnection connection, DbTransaction transaction)
        => (this.connections, Connection, Transaction) = (connections, connection, transaction);

    public DbConnection Connection { get; }
    public DbTransaction Transaction { get; }
    public int Members { get; set; }

    /// <summary>Completes when the batch is durable, or fails with the reason it is not.</summary>
    public Task Committed => committed.Task;

    public static async Task<WriteBatch> BeginAsync(ConnectionFactory connections)
    {
        var connection = await connections.RentAsync(CancellationToken.None);
        try
        {
            return new WriteBatch(connections, connection, await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, CancellationToken.None));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task CommitAsync()
    {
        try
        {
            await Transaction.CommitAsync(CancellationToken.None);
            committed.TrySetResult();
        }
        catch (Exception exception)
        {
            committed.TrySetException(exception);
        }
        finally
        {
            await EndAsync();
        }
    }

    public async Task FailAsync(Exception exception)
    {
        committed.TrySetException(new InvalidOperationException("The shared write transaction ended before it committed; nothing of it was kept.", exception));
        try
        {
            await Transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            // Already rolled back by SQLite itself.
        }
        finally
        {
            await EndAsync();
        }
    }

    private async Task EndAsync()
    {
        await Transaction.DisposeAsync();
        await connections.ReturnAsync(Connection);
    }
}
