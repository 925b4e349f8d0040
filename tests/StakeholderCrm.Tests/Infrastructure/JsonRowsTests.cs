using Dapper;
using Microsoft.Data.Sqlite;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class JsonRowsTests
{
    private sealed record Row(int Position, Guid Id, Guid? OrganisationId, bool Attended, DateOnly? FromDate, string Text, string? Title);

    private static readonly Row[] Rows =
    [
        new(0, Guid.NewGuid(), Guid.NewGuid(), true, new DateOnly(2021, 6, 28),
            "She said \"no\" \\ C:\\path\r\n\t\u0001\u001f\u007f\u2028 🙂 𝄞 東京 Österreich </script> & ' + a\u0000b", "123"),
        new(1, Guid.NewGuid(), null, false, null, "", null),
    ];

    [Test]
    public async Task Rows_read_from_one_json_parameter_are_stored_byte_for_byte_as_parameters_store_them_on_sqlite()
    {
        TypeHandlers.Register(typeof(TypeHandlers).Assembly);
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE t (via TEXT, position INTEGER, id TEXT, organisation_id TEXT, attended INTEGER, from_date TEXT, "
            + "text TEXT, title TEXT)");

        foreach (var row in Rows)
        {
            await connection.ExecuteAsync("""
                INSERT INTO t VALUES ('parameters', @Position, @Id, @OrganisationId, @Attended, @FromDate, @Text, @Title)
                """, row);
        }
        await connection.ExecuteAsync("""
            INSERT INTO t
            SELECT 'json', json_extract(j.value, '$.position'), json_extract(j.value, '$.id'), json_extract(j.value, '$.organisation_id'),
                json_extract(j.value, '$.attended'), json_extract(j.value, '$.from_date'), json_extract(j.value, '$.text'), json_extract(j.value, '$.title')
            FROM json_each(@Rows) j
            """, new { Rows = JsonRows.Json(Rows) });

        string Stored(string via) => string.Join(Environment.NewLine, connection.Query<string>($"""
            SELECT concat_ws(' | ', typeof(position), hex(position), typeof(id), hex(id), typeof(organisation_id), hex(organisation_id),
                typeof(attended), hex(attended), typeof(from_date), hex(from_date), typeof(text), hex(text), typeof(title), hex(title))
            FROM t WHERE via = '{via}' ORDER BY position
            """));
        Assert.That(Stored("json"), Is.EqualTo(Stored("parameters")));
        Assert.That(connection.Query<string>("SELECT text FROM t WHERE via = 'json' ORDER BY position"), Is.EqualTo(Rows.Select(r => r.Text)));
    }
}
