using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Data.Sqlite;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class WriterGateTests
{
    [Test]
    public async Task One_writer_at_a_time_and_the_next_in_arrival_order_once_released()
    {
        var gate = new WriterGate(new ConnectionFactory(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }, "Data Source=:memory:",
            Path.GetTempPath()));
        var first = await gate.EnterAsync(CancellationToken.None);
        var second = gate.EnterAsync(CancellationToken.None);
        var third = gate.EnterAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.That(second.IsCompleted || third.IsCompleted, Is.False, "nobody enters while the gate is held");

        first.Dispose();
        first.Dispose();
        var next = await second.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        Assert.That(third.IsCompleted, Is.False, "a second release of the same turn lets nobody else in");

        next.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Test]
    public async Task A_cancelled_wait_leaves_the_gate_to_the_others()
    {
        var gate = new WriterGate(new ConnectionFactory(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }, "Data Source=:memory:",
            Path.GetTempPath()));
        var first = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var abandoned = gate.EnterAsync(cancel.Token);
        var waiting = gate.EnterAsync(CancellationToken.None);
        await cancel.CancelAsync();
        Assert.That(async () => await abandoned, Throws.InstanceOf<OperationCanceledException>());

        first.Dispose();
        (await waiting.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }
}
