using Dapper;
using Microsoft.Data.Sqlite;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class StoredTimeTests
{
    private static readonly DateTimeOffset[] Times =
    [
        DateTimeOffset.MinValue,
        new(2024, 2, 29, 23, 59, 59, TimeSpan.Zero),
        new DateTimeOffset(2024, 5, 14, 9, 30, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567),
        new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero).AddTicks(1),
        DateTimeOffset.MaxValue,
    ];

    [TestCaseSource(nameof(Times))]
    public void A_stored_time_reads_back_as_the_same_instant(DateTimeOffset time)
    {
        var stored = TypeHandlers.SqliteTime(time);
        Assert.That(TypeHandlers.TryParseSqliteTime(stored, out var read), Is.True, stored);
        Assert.That(read, Is.EqualTo(time));
        Assert.That(read.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase("2023-02-29T00:00:00.0000000Z", Description = "not a leap year")]
    [TestCase("2024-13-01T00:00:00.0000000Z")]
    [TestCase("2024-05-00T00:00:00.0000000Z")]
    [TestCase("0000-05-14T00:00:00.0000000Z")]
    [TestCase("2024-05-14T24:00:00.0000000Z")]
    [TestCase("2024-05-14T09:60:00.0000000Z")]
    [TestCase("2024-05-14T09:30:60.0000000Z")]
    [TestCase("2024-05-14 09:30:00.0000000Z")]
    [TestCase("2024-05-14T09:30:00.000000Z")]
    [TestCase("2024-05-14T09:30:00.0000000+")]
    [TestCase("2024-05-1+T09:30:00.0000000Z")]
    [TestCase("2024-05-14T09:30:00.-000000Z")]
    [TestCase("٢٠٢٤-05-14T09:30:00.0000000Z", Description = "digits that are not ASCII")]
    [TestCase("2024-05-14T09:30:00+02:00")]
    public void Text_not_in_the_stored_format_is_left_to_the_general_parser(string text)
    {
        Assert.That(TypeHandlers.TryParseSqliteTime(text, out _), Is.False);
    }

    [Test]
    public async Task Times_stored_in_another_ISO_form_are_still_read_as_UTC()
    {
        TypeHandlers.Register(typeof(TypeHandlers).Assembly);
        await using var connection = new SqliteConnection("Data Source=:memory:");
        var times = (await connection.QueryAsync<DateTimeOffset>(
            "SELECT '2024-05-14T09:30:00+02:00' UNION ALL SELECT '2024-05-14T07:30:00.1234567Z'")).ToList();
        Assert.That(times, Is.EqualTo(new[]
        {
            new DateTimeOffset(2024, 5, 14, 7, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 5, 14, 7, 30, 0, TimeSpan.Zero).AddTicks(1_234_567),
        }));
        Assert.That(times.Select(t => t.Offset), Is.All.EqualTo(TimeSpan.Zero));
    }
}
