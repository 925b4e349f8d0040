using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Data.Sqlite;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>Rented SQLite connections come back from the pool and run their kept statements without preparing them again.</summary>
public sealed class ReusableSqliteConnectionTests
{
    // sqlite3_stmt_status counters (sqlite.org/c3ref/c_stmtstatus_counter.html); SQLitePCL names no constants for them.
    private const int StatementReprepares = 5;
    private const int StatementRuns = 6;

    private ScratchSqlite database = null!;
    private ConnectionFactory connections = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        connections = (database = new ScratchSqlite()).Connections;
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            CREATE TABLE engagements (id INTEGER PRIMARY KEY, confidentiality TEXT NOT NULL, archived INTEGER NOT NULL);
            INSERT INTO engagements VALUES (1, 'public', 0), (2, 'sensitive', 0), (3, 'public', 1);
            """);
    }

    [TearDown]
    public void DeleteDatabase() => database.Dispose();

    [Test]
    public async Task A_page_whose_plan_could_depend_on_its_values_runs_again_on_the_same_prepared_statement()
    {
        // LIMIT and the clearance test are values SQLite's planner would otherwise read, preparing the statement again for each.
        var sql = $"SELECT id FROM engagements e WHERE e.archived = 0 AND {SensitiveRecords.VisibleEngagement("e")} ORDER BY e.id DESC LIMIT @Take";
        var runs = new List<(object Statement, int Runs, int Reprepared, long Newest)>();
        foreach (var (cleared, take) in new[] { (true, 1), (false, 2), (true, 3) })
        {
            var connection = await connections.RentAsync(CancellationToken.None);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = sql;
                command.Parameters.Add(new SqliteParameter("@Cleared", cleared));
                command.Parameters.Add(new SqliteParameter("@Take", take));
                await using var reader = (SqliteDataReader)await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                var statement = reader.Handle!;
                runs.Add((statement, raw.sqlite3_stmt_status(statement, StatementRuns, 0),
                    raw.sqlite3_stmt_status(statement, StatementReprepares, 0), reader.GetInt64(0)));
            }
            await connections.ReturnAsync(connection);
        }

        Assert.That(runs.Select(r => r.Newest), Is.EqualTo(new long[] { 2, 1, 2 }), "each run sees its own values");
        Assert.That(runs.Select(r => r.Statement).Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(1),
            "one prepared statement served all three requests");
        Assert.That(runs.Select(r => r.Runs), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(runs.Select(r => r.Reprepared), Is.All.Zero, "new values do not make SQLite prepare it again");
    }

    [Test]
    public async Task An_idle_connection_is_rented_again_and_one_left_in_a_transaction_or_reading_is_closed()
    {
        var idle = await connections.RentAsync(CancellationToken.None);
        await connections.ReturnAsync(idle);
        var again = await connections.RentAsync(CancellationToken.None);
        Assert.That(again, Is.SameAs(idle), "the idle connection comes back");

        var transaction = await again.BeginTransactionAsync();
        await again.ExecuteAsync("UPDATE engagements SET archived = 1 WHERE id = 1", transaction: transaction);
        await connections.ReturnAsync(again);
        Assert.That(again.State, Is.EqualTo(System.Data.ConnectionState.Closed), "closed, and its transaction rolled back");

        var reading = await connections.RentAsync(CancellationToken.None);
        Assert.That(reading, Is.Not.SameAs(again));
        var command = reading.CreateCommand();
        command.CommandText = "SELECT id FROM engagements";
        var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        await command.DisposeAsync();
        await connections.ReturnAsync(reading);
        Assert.That(reading.State, Is.EqualTo(System.Data.ConnectionState.Closed), "a statement still reading is not left to the next request");

        var fresh = await connections.RentAsync(CancellationToken.None);
        Assert.That(await fresh.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM engagements WHERE archived = 0"), Is.EqualTo(2), "the update was rolled back");
        await connections.ReturnAsync(fresh);
    }

    [Test]
    public async Task The_same_text_can_be_read_twice_at_once_and_a_failed_statement_is_not_kept()
    {
        var connection = await connections.RentAsync(CancellationToken.None);
        const string sql = "SELECT id FROM engagements ORDER BY id";
        await using (var outer = connection.CreateCommand())
        {
            outer.CommandText = sql;
            await using var reader = await outer.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.That(await connection.QueryAsync<long>(sql), Is.EqualTo(new long[] { 1, 2, 3 }), "a second command of the same text while the first reads");
            await reader.ReadAsync();
            Assert.That(reader.GetInt64(0), Is.EqualTo(2), "the first reads on undisturbed");
        }

        const string insert = "INSERT INTO engagements VALUES (@Id, 'public', 0)";
        Assert.That(async () => await connection.ExecuteAsync(insert, new { Id = 1 }), Throws.InstanceOf<SqliteException>());
        Assert.That(await connection.ExecuteAsync(insert, new { Id = 4 }), Is.EqualTo(1), "the text runs again after a failure");
        Assert.That(await connection.QueryAsync<long>(sql), Is.EqualTo(new long[] { 1, 2, 3, 4 }));
        await connections.ReturnAsync(connection);
    }

    [Test]
    public async Task A_command_joins_the_open_transaction_as_the_providers_own_commands_do()
    {
        var connection = await connections.RentAsync(CancellationToken.None);
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            Assert.That(await connection.ExecuteAsync("UPDATE engagements SET archived = 1 WHERE id = 1"), Is.EqualTo(1));
            await transaction.RollbackAsync();
        }
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT archived FROM engagements WHERE id = 1"), Is.Zero,
            "the update was inside the rolled-back transaction");
        await connections.ReturnAsync(connection);
    }

    [Test]
    public async Task A_connection_keeps_a_bounded_number_of_statements()
    {
        var connection = (ReusableSqliteConnection)await connections.RentAsync(CancellationToken.None);
        for (var i = 0; i <= ReusableSqliteConnection.MaxKeptStatements; i++)
        {
            Assert.That(await connection.ExecuteScalarAsync<long>($"SELECT {i}"), Is.EqualTo(i));
        }
        Assert.That(connection.KeptStatements, Is.InRange(1, ReusableSqliteConnection.MaxKeptStatements));
        await connections.ReturnAsync(connection);
    }

    [Test]
    public async Task A_disposed_factory_closes_its_idle_connections()
    {
        var connection = await connections.RentAsync(CancellationToken.None);
        await connections.ReturnAsync(connection);
        connections.Dispose();
        Assert.That(connection.State, Is.EqualTo(System.Data.ConnectionState.Closed));
    }
}
