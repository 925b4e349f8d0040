using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class IdempotencyTurnsTests
{
    [Test]
    public async Task A_held_key_makes_only_that_key_wait_and_is_forgotten_once_released()
    {
        var turns = new IdempotencyTurns();
        var held = await turns.EnterAsync("editor", "key-0", TimeSpan.Zero, CancellationToken.None);

        // With keys sharing a fixed set of stripes, some of these would have to wait behind key-0 and fail at once.
        for (var i = 1; i <= 2000; i++)
        {
            (await turns.EnterAsync("editor", $"key-{i}", TimeSpan.Zero, CancellationToken.None)).Dispose();
        }
        Assert.That(async () => await turns.EnterAsync("editor", "key-0", TimeSpan.Zero, CancellationToken.None),
            Throws.InstanceOf<ConflictException>(), "the same key waits for its turn");
        (await turns.EnterAsync("reader", "key-0", TimeSpan.Zero, CancellationToken.None)).Dispose();
        Assert.That(turns.Count, Is.EqualTo(1), "only the held key is remembered");

        var waiting = turns.EnterAsync("editor", "key-0", TimeSpan.FromSeconds(30), CancellationToken.None);
        held.Dispose();
        (await waiting).Dispose();
        Assert.That(turns.Count, Is.Zero);
    }

    [Test]
    public async Task A_hold_disposed_twice_lets_only_the_next_request_in()
    {
        var turns = new IdempotencyTurns();
        var first = await turns.EnterAsync("editor", "key", TimeSpan.Zero, CancellationToken.None);
        var second = turns.EnterAsync("editor", "key", TimeSpan.FromSeconds(30), CancellationToken.None);

        first.Dispose();
        first.Dispose();
        using var held = await second;

        Assert.That(async () => await turns.EnterAsync("editor", "key", TimeSpan.Zero, CancellationToken.None),
            Throws.InstanceOf<ConflictException>(), "the second release of the first hold did not free the key under the second");
        Assert.That(turns.Count, Is.EqualTo(1));
    }
}
