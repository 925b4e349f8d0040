using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Pipeline;

/// <summary>One transaction per command, committed once after the handler returns and rolled back on any exception.</summary>
public sealed class TransactionBehaviour<TRequest, TResponse>(DbSession session, WriterGate writerGate)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse>) return await next();

        using var writer = await writerGate.EnterAsync(cancellationToken);
        await session.BeginAsync(cancellationToken);
        try
        {
            var response = await next();
            await session.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}
