namespace StakeholderCrm.Api.Infrastructure.Health;

/// <summary>
/// Whether writes are failing for want of storage (a full disk, a read-only database): set by the problem a failed write
/// becomes, cleared by the next write that commits, and reported by readiness, which cannot see it otherwise. A fault
/// is forgotten a while after the last failed write: an instance that is not ready gets no traffic behind a load
/// balancer, so no write would ever come to clear it, and the next write that fails reports it again.
/// </summary>
public sealed class StorageHealth(TimeProvider clock)
{
    public static readonly TimeSpan Remembered = TimeSpan.FromSeconds(30);

    private volatile Failure? failure;

    /// <summary>Why writes fail now, in words; null while they succeed or when none has failed for <see cref="Remembered"/>.</summary>
    public string? Fault => failure is { } last && clock.GetUtcNow() - last.At < Remembered ? last.Reason : null;

    public void WritesFail(string reason) => failure = new Failure(reason, clock.GetUtcNow());

    public void WriteSucceeded()
    {
        if (failure is not null) failure = null;
    }

    private sealed record Failure(string Reason, DateTimeOffset At);
}
