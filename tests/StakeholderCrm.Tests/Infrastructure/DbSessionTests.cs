using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class DbSessionTests(DatabaseProvider provider) : ApiTest(provider)
{
    private static readonly SqlText CountKeys = SqlText.Portable("SELECT COUNT(*) FROM api_keys");
    private static readonly SqlText AddTopic = SqlText.Portable(
        "INSERT INTO topics (id, name, name_key, parent_id, description, version, created_at, updated_at, archived) VALUES (@Id, 'Probe', 'probe', NULL, "
            + "NULL, 1, @Now, @Now, 0)");
    private static readonly SqlText CountTopics = SqlText.Portable("SELECT COUNT(*) FROM topics");

    [Test]
    public async Task A_released_connection_is_taken_again_by_the_next_statement_but_never_inside_a_transaction()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        Assert.That(await session.ExecuteScalarAsync<long>(CountKeys, null, CancellationToken.None), Is.EqualTo(1));
        await session.ReleaseConnectionAsync();
        Assert.That(await session.ExecuteScalarAsync<long>(CountKeys, null, CancellationToken.None), Is.EqualTo(1), "a later statement reopens");

        await session.BeginAsync(CancellationToken.None);
        await session.ExecuteAsync(AddTopic, new { Id = Guid.NewGuid(), Now = DateTimeOffset.UtcNow }, CancellationToken.None);
        await session.ReleaseConnectionAsync();
        Assert.That(await session.ExecuteScalarAsync<long>(CountTopics, null, CancellationToken.None), Is.EqualTo(1), "the transaction kept its connection");
        await session.RollbackAsync();
        Assert.That(await session.ExecuteScalarAsync<long>(CountTopics, null, CancellationToken.None), Is.Zero, "and rolled back on it");
    }
}
