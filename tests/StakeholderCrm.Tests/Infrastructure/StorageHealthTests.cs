using StakeholderCrm.Api.Infrastructure.Health;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// A storage fault is reported until a write commits, or until none has failed for a while: behind a load balancer an
/// instance that is not ready gets no write that could clear it (found by review).
/// </summary>
public sealed class StorageHealthTests
{
    [Test]
    public void A_fault_lasts_until_a_write_commits()
    {
        var storage = new StorageHealth(new ManualClock());
        storage.WritesFail("full");

        Assert.That(storage.Fault, Is.EqualTo("full"));
        storage.WriteSucceeded();
        Assert.That(storage.Fault, Is.Null);
    }

    [Test]
    public void A_fault_is_forgotten_when_no_write_has_failed_for_a_while_and_told_again_by_the_next_failure()
    {
        var clock = new ManualClock();
        var storage = new StorageHealth(clock);
        storage.WritesFail("full");

        clock.Advance(StorageHealth.Remembered - TimeSpan.FromSeconds(1));
        Assert.That(storage.Fault, Is.EqualTo("full"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(storage.Fault, Is.Null, "ready again, so that traffic can find out");
        storage.WritesFail("still full");
        Assert.That(storage.Fault, Is.EqualTo("still full"));
    }
}
