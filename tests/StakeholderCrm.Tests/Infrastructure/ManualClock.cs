namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>A clock the test moves: starts at the real time, then only moves when told.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now = now.Add(by);
}
