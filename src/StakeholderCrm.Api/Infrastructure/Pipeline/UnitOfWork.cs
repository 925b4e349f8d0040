using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Pipeline;

/// <summary>
/// The one place that begins, commits and rolls back a command's transaction: for an HTTP write the endpoint's
/// <see cref="Http.CommandTransactionFilter"/> runs it around the whole endpoint (with its idempotent answer), for a
/// command sent on its own <see cref="TransactionBehaviour{TRequest,TResponse}"/> runs it around the handler. Commands
/// sent inside either join that transaction. It begins at the first write (<see cref="DbSession.BeginOnFirstWrite"/>).
/// </summary>
public sealed class UnitOfWork(DbSession session)
{
    public async Task<T> RunAsync<T>(Func<Task<T>> work, Func<T, Task>? beforeCommit, CancellationToken cancellationToken)
    {
        session.BeginOnFirstWrite();
        try
        {
            var result = await work();
            if (beforeCommit is not null) await beforeCommit(result);
            await session.CommitAsync(cancellationToken);
            return result;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}
