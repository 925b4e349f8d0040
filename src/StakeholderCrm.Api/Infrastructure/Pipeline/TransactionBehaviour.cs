using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Pipeline;

/// <summary>
/// One transaction per command, committed once after the handler returns and rolled back on any exception; queries
/// hand their connection back when they return. When the
/// request carries an Idempotency-Key the commit is left to the idempotency filter, which first stores the response
/// in the same transaction.
/// </summary>
public sealed class TransactionBehaviour<TRequest, TResponse>(DbSession session)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // A command inside a batch joins the batch's transaction.
        if (session.InTransaction) return await next();
        // Queries run without a transaction and give their connection back as soon as their results are read.
        if (request is not ICommand<TResponse>)
        {
            try
            {
                return await next();
            }
            finally
            {
                await session.ReleaseConnectionAsync();
            }
        }

        await session.BeginAsync(cancellationToken);
        try
        {
            var response = await next();
            if (!session.CommitDeferred) await session.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}
