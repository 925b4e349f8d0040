using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>Values read from SQLite's columns directly are the ones Microsoft.Data.Sqlite's reader gives, errors included.</summary>
public sealed class NativeColumnReaderTests
{
    private const string Values = """
        SELECT 42 AS whole, -9007199254740993 AS big, 2.5 AS real, 'Österreich – 東京 🙂' AS text, 'a' || char(0) || 'b' AS with_nul, '' AS empty,
            NULL AS missing, x'00ff10' AS bytes
        UNION ALL SELECT NULL, 0, -0.125, 'x', NULL, 'y', 7, NULL
        """;

    private ScratchSqlite database = null!;
    private ConnectionFactory connections = null!;

    [SetUp]
    public void CreateDatabase() => connections = (database = new ScratchSqlite()).Connections;

    [TearDown]
    public void DeleteDatabase() => database.Dispose();

    [Test]
    public async Task Every_storage_class_reads_as_the_providers_reader_reads_it()
    {
        var expected = await ReadWithProviderAsync(Values);
        var actual = new List<object[]>();
        await OnRentedReaderAsync(Values, async reader =>
        {
            Assert.That(reader, Is.InstanceOf<NativeColumnReader>());
            actual = await RowsAsync(reader);
        });

        Assert.That(actual, Has.Count.EqualTo(2));
        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(actual[0][1], Is.EqualTo(-9007199254740993L));
        Assert.That(actual[0][3], Is.EqualTo("Österreich – 東京 🙂"));
        Assert.That(actual[0][4], Is.EqualTo("a\0b"));
        Assert.That(actual[0][6], Is.SameAs(DBNull.Value));
        Assert.That(actual[0][7], Is.EqualTo(new byte[] { 0x00, 0xff, 0x10 }));
        Assert.That(actual[1][6], Is.EqualTo(7L));
    }

    [Test]
    public async Task Reading_off_a_row_or_past_the_last_column_fails_as_the_providers_reader_does()
    {
        await OnRentedReaderAsync("SELECT 1 AS one", async reader =>
        {
            Assert.Throws<InvalidOperationException>(() => reader.GetValue(0), "before the first row");
            Assert.That(await reader.ReadAsync(), Is.True);
            Assert.Throws<ArgumentOutOfRangeException>(() => reader.GetValue(1));
            Assert.Throws<ArgumentOutOfRangeException>(() => reader.GetValue(-1));
            Assert.That(await reader.ReadAsync(), Is.False);
            Assert.Throws<InvalidOperationException>(() => reader.GetValue(0), "after the last row");
        });
    }

    [Test]
    public async Task Each_result_of_a_batch_reads_its_own_columns()
    {
        var grids = new List<object[]>();
        await OnRentedReaderAsync("SELECT 1 AS a, 'one' AS b; SELECT 'two' AS c; SELECT 3.5 AS d, NULL AS e, 'three' AS f", async reader =>
        {
            do
            {
                Assert.That(await reader.ReadAsync(), Is.True);
                grids.Add(Row(reader));
            }
            while (await reader.NextResultAsync());
        });
        Assert.That(grids, Is.EqualTo(new object[][]
        {
            [1L, "one"],
            ["two"],
            [3.5, DBNull.Value, "three"],
        }));
    }

    [Test]
    public async Task Dapper_maps_through_it_as_through_the_providers_reader()
    {
        const string sql = "SELECT whole, real, text, missing FROM (" + Values + ")";
        var connection = await connections.RentAsync(CancellationToken.None);
        var rented = (await connection.QueryAsync<(long? Whole, double Real, string Text, string? Missing)>(sql)).ToList();
        await connections.ReturnAsync(connection);
        await using var plain = new SqliteConnection(database.ConnectionString + ";Pooling=False");
        var expected = (await plain.QueryAsync<(long? Whole, double Real, string Text, string? Missing)>(sql)).ToList();

        Assert.That(rented, Is.EqualTo(expected));
        Assert.That(rented[1], Is.EqualTo(((long?)null, -0.125, "x", "7")));
    }

    private static object[] Row(DbDataReader reader)
    {
        var values = new object[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.GetValue(i);
            Assert.That(reader[i], Is.EqualTo(values[i]), $"indexer, column {i}");
            Assert.That(reader.IsDBNull(i), Is.EqualTo(values[i] is DBNull), $"IsDBNull, column {i}");
        }
        return values;
    }

    private async Task<List<object[]>> ReadWithProviderAsync(string sql)
    {
        await using var connection = new SqliteConnection(database.ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        return await RowsAsync(reader);
    }

    /// <summary>Runs <paramref name="sql"/> on a rented connection, as the API's queries do, and reads its results.</summary>
    private async Task OnRentedReaderAsync(string sql, Func<DbDataReader, Task> read)
    {
        var connection = await connections.RentAsync(CancellationToken.None);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            await read(reader);
        }
        await connections.ReturnAsync(connection);
    }

    private static async Task<List<object[]>> RowsAsync(DbDataReader reader)
    {
        var rows = new List<object[]>();
        while (await reader.ReadAsync()) rows.Add(Row(reader));
        return rows;
    }
}
