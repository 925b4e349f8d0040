using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>
/// Owns the transaction of an HTTP write: the endpoint and every command it sends run in one transaction, begun at the
/// first write and committed once, after the idempotent answer (when the request carries an Idempotency-Key) is stored
/// in it. A retry with the same key waits for the first request's commit, then gets its answer replayed.
/// </summary>
public sealed class CommandTransactionFilter(UnitOfWork unitOfWork, IdempotentAnswers answers, IdempotencyTurns turns, Caller caller)
    : IEndpointFilter
{
    public static bool IsWrite(string method) => !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method);

    /// <summary>
    /// A change that names no version it read (<c>If-Match: *</c>, or none on a PUT, PATCH or DELETE) begins its
    /// transaction before its first read, so that what it reads cannot change before it writes. Every other write
    /// either creates or is checked against the version it names, and reads first outside the transaction (ADR 011).
    /// </summary>
    private static bool ReadsUnguarded(HttpRequest request)
        => request.Headers.IfMatch.ToString().Trim() is var ifMatch && (ifMatch == "*" || (ifMatch.Length == 0 && !HttpMethods.IsPost(request.Method)));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var cancellationToken = http.RequestAborted;
        var beginNow = ReadsUnguarded(http.Request);
        if (IdempotentAnswers.KeyOf(http.Request) is not { } key)
        {
            return await unitOfWork.RunAsync(() => next(context).AsTask(), null, cancellationToken, beginNow);
        }

        var hash = await IdempotentAnswers.RequestHashAsync(http.Request);
        using var turn = await turns.EnterAsync(caller.Key, key, answers.Wait, cancellationToken);
        var stored = await answers.FindAsync(caller.Key, key, cancellationToken);
        if (stored is not null && answers.IsLive(stored)) return await answers.ReplayAsync(http, caller, stored, hash, cancellationToken);
        try
        {
            return await unitOfWork.RunAsync(() => next(context).AsTask(),
                result => answers.SaveAsync(http, caller.Key, key, hash, replacesExpired: stored is not null, result, cancellationToken), cancellationToken,
                beginNow);
        }
        catch (IdempotentAnswers.KeyTakenException)
        {
            // Another API instance committed the same key first: this command's work is undone and the winner replayed.
            return await answers.ReplayAsync(http, caller, await answers.FindAsync(caller.Key, key, cancellationToken)
                ?? throw new ConflictException("The Idempotency-Key is in use."), hash, cancellationToken);
        }
    }
}
