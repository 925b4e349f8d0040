using System.Threading.Channels;

namespace StakeholderCrm.Api.Infrastructure.Changes;

/// <summary>
/// Wakes what reads the change log as an outbox (webhooks) once a unit of work that wrote change rows commits, rather
/// than at its next poll. A missed or extra signal costs only a poll: the rows themselves are the truth.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> raised = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Raise() => raised.Writer.TryWrite(true);

    /// <summary>Returns when raised or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await raised.Reader.WaitToReadAsync(wait.Token);
            raised.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
