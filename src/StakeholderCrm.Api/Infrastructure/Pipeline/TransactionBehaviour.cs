using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Pipeline;

/// <summary>
/// A command sent on its own (a tool, seed-demo) runs in a transaction of its own; one sent inside an HTTP write or a
/// batch joins the transaction already there. Queries run without one and hand their connection back when they return.
/// </summary>
public sealed class TransactionBehaviour<TRequest, TResponse>(DbSession session, UnitOfWork unitOfWork)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (session.InTransaction) return await next();
        if (request is ICommand<TResponse>) return await unitOfWork.RunAsync(() => next(), null, cancellationToken);
        try
        {
            return await next();
        }
        finally
        {
            await session.ReleaseConnectionAsync();
        }
    }
}
