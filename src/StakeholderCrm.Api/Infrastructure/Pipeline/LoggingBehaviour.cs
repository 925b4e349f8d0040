using System.Diagnostics;
using MediatR;

namespace StakeholderCrm.Api.Infrastructure.Pipeline;

/// <summary>Each request's handler and its time, at Debug: an operator turns it on for a category when looking into one.</summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    // Checked first: the logger's params overload builds its argument array and boxes the time even when the level is off.
    private readonly bool enabled = logger.IsEnabled(LogLevel.Debug);

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
        // Off, it passes the request on without a state machine of its own.
        => enabled ? Logged(next) : next();

    private async Task<TResponse> Logged(RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogDebug("{Request} handled in {ElapsedMs:0.0} ms", typeof(TRequest).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception exception)
        {
            logger.LogDebug("{Request} failed after {ElapsedMs:0.0} ms: {Error}", typeof(TRequest).Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
            throw;
        }
    }
}
