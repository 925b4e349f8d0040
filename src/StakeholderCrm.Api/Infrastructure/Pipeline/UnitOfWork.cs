using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Pipeline;

/// <summary>
/// The one place that begins, commits and rolls back a command's transaction: for an HTTP write the endpoint's
/// <see cref="Http.CommandTransactionFilter"/> runs it around the whole endpoint (with its idempotent answer), for a
/// command sent on its own <see cref="TransactionBehaviour{TRequest,TResponse}"/> runs it around the handler. Commands
/// sent inside either join that transaction. Unless asked to begin at once, it begins at the first write
/// (<see cref="DbSession.BeginOnFirstWrite"/>, ADR 011).
/// </summary>
public sealed class UnitOfWork(DbSession session, Health.StorageHealth storage)
{
    private readonly List<Func<Task>> afterCommit = new List<Func<Task>>();
    private bool running;

    public async Task<T> RunAsync<T>(Func<Task<T>> work, Func<T, Task>? beforeCommit, CancellationToken cancellationToken, bool beginNow = false)
    {
        if (beginNow) await session.BeginAsync(cancellationToken);
        else session.BeginOnFirstWrite();
        running = true;
        try
        {
            var result = await work();
            if (beforeCommit is not null) await beforeCommit(result);
            var wrote = session.Writing;
            await session.CommitAsync(cancellationToken);
            if (wrote) storage.WriteSucceeded();
            foreach (var action in afterCommit) await action();
            return result;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
        finally
        {
            running = false;
            afterCommit.Clear();
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> once the running unit of work has committed, and not at all if it rolls back; with
    /// none running, what came before has committed already, so it runs at once.
    /// </summary>
    public void AfterCommit(Action action) => AfterCommit(() =>
    {
        action();
        return Task.CompletedTask;
    });

    /// <summary>As <see cref="AfterCommit(Action)"/>, awaited before the command's answer is sent.</summary>
    public Task AfterCommit(Func<Task> action)
    {
        if (!running) return action();
        afterCommit.Add(action);
        return Task.CompletedTask;
    }
}
