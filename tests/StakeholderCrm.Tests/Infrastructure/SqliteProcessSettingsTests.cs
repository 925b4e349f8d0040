using Dapper;
using SQLitePCL;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>The process-wide SQLite settings the connection factory makes before any connection opens.</summary>
public sealed class SqliteProcessSettingsTests
{
    [Test]
    public async Task SQLite_keeps_no_memory_statistics_so_its_allocations_take_no_global_lock()
    {
        using var database = new ScratchSqlite();
        await using var connection = await database.Connections.OpenAsync(CancellationToken.None);
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM (SELECT value FROM json_each('[3, 1, 2]') ORDER BY value)"), Is.EqualTo(3));
        Assert.That(raw.sqlite3_memory_used(), Is.Zero, "with statistics kept, an open connection counts its memory here");
    }
}
