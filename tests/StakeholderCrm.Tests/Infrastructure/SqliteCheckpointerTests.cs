using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Data.Sqlite;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class SqliteCheckpointerTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Commits_leave_the_log_to_the_checkpointer_which_restarts_a_long_log()
    {
        if (Provider != DatabaseProvider.Sqlite) Assert.Ignore("The write-ahead log is SQLite's.");
        var connections = Host.Services.GetRequiredService<ConnectionFactory>();
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint;"), Is.Zero, "commits do not checkpoint");

        await connection.ExecuteAsync("CREATE TABLE checkpoint_probe (b BLOB)");
        try
        {
            var writers = Host.Services.GetRequiredService<WriterGate>();
            using (await writers.EnterAsync(CancellationToken.None))
            {
                await connection.ExecuteAsync("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25) INSERT INTO checkpoint_probe SELECT randomblob(1000000) FROM n");
            }
            var left = await Host.Services.GetRequiredService<SqliteCheckpointer>().CheckpointAsync(CancellationToken.None);
            Assert.That(left, Is.Zero, "a log past the restart threshold is copied whole and restarted");
        }
        finally
        {
            await connection.ExecuteAsync("DROP TABLE checkpoint_probe");
        }
    }
}
