namespace StakeholderCrm.Api.Infrastructure.Health;

/// <summary>
/// Whether writes are failing for want of storage (a full disk, a read-only database): set by the problem a failed write
/// becomes, cleared by the next write that commits, and reported by readiness, which cannot see it otherwise.
/// </summary>
public sealed class StorageHealth
{
    private volatile string? fault;

    /// <summary>Why writes fail now, in words; null while they succeed.</summary>
    public string? Fault => fault;

    public void WritesFail(string reason) => fault = reason;

    public void WriteSucceeded()
    {
        if (fault is not null) fault = null;
    }
}
