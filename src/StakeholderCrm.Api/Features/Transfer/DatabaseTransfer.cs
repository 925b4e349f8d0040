using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;

using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Features.Transfer;

/// <summary>What a transfer copied and found: rows and checksums per table, on both sides.</summary>
public sealed record TransferReport(IReadOnlyList<TableCopy> Tables)
{
    public bool Verified => Tables.All(t => t.SourceRows == t.TargetRows && t.SourceChecksum == t.TargetChecksum);
}

public sealed record TableCopy(string Table, long SourceRows, long TargetRows, string SourceChecksum, string TargetChecksum);

/// <summary>
/// Copies every table of one database into a freshly migrated, empty other one, in batches, then verifies row counts
/// and per-table checksums computed from values normalised across providers (ids, times, dates, flags, decimals).
/// </summary>
public sealed class DatabaseTransfer(ConnectionFactory source, ConnectionFactory target, ILogger logger)
{
    public const int BatchSize = 500;

    public async Task<TransferReport> RunAsync(CancellationToken cancellationToken)
    {
        new Migrator(target, Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance).Migrate();
        await using var from = await source.OpenAsync(cancellationToken);
        await using var to = await target.OpenAsync(cancellationToken);

        var tables = await TablesAsync(from, source.Dialect.Provider);
        foreach (var table in await TablesAsync(to, target.Dialect.Provider))
        {
            if (await to.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}") > 0)
            {
                throw new InvalidOperationException($"The target is not empty ({table} has rows); transfer only into a new database.");
            }
        }

        await SetConstraintsAsync(to, tables, enabled: false);
        foreach (var table in tables)
        {
            var columns = (await ColumnsAsync(from, source.Dialect.Provider, table)).Intersect(await ColumnsAsync(to, target.Dialect.Provider, table)).ToList();
            await CopyAsync(from, to, table, columns, cancellationToken);
        }
        await SetConstraintsAsync(to, tables, enabled: true);

        var report = new List<TableCopy>();
        foreach (var table in tables)
        {
            var columns = (await ColumnsAsync(from, source.Dialect.Provider, table)).Intersect(await ColumnsAsync(to, target.Dialect.Provider, table)).ToList();
            var (sourceRows, sourceSum) = await ChecksumAsync(from, table, columns);
            var (targetRows, targetSum) = await ChecksumAsync(to, table, columns);
            report.Add(new TableCopy(table, sourceRows, targetRows, sourceSum, targetSum));
            logger.LogInformation("{Table}: {Rows} rows, checksum {Result}", table, targetRows,
                sourceSum == targetSum && sourceRows == targetRows ? "matches" : "DIFFERS");
        }
        return new TransferReport(report);
    }

    private async Task CopyAsync(DbConnection from, DbConnection to, string table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        var total = await from.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
        var identity = target.Dialect.Provider == DatabaseProvider.SqlServer
            && await to.ExecuteScalarAsync<int>(
                $"SELECT COUNT(*) FROM sys.identity_columns WHERE object_id = OBJECT_ID('{table}') AND name IN ('{string.Join("','", columns)}')") > 0;
        var insert = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        await using var reader = await from.ExecuteReaderAsync($"SELECT {string.Join(", ", columns)} FROM {table}");
        var copied = 0L;
        while (true)
        {
            await using var transaction = await to.BeginTransactionAsync(cancellationToken);
            if (identity) await to.ExecuteAsync($"SET IDENTITY_INSERT {table} ON", transaction: transaction);
            var inBatch = 0;
            while (inBatch < BatchSize && await reader.ReadAsync(cancellationToken))
            {
                await using var command = to.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = insert;
                for (var i = 0; i < columns.Count; i++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@p{i}";
                    parameter.Value = reader.IsDBNull(i) ? DBNull.Value : reader.GetValue(i);
                    command.Parameters.Add(parameter);
                }
                await command.ExecuteNonQueryAsync(cancellationToken);
                inBatch++;
            }
            if (identity) await to.ExecuteAsync($"SET IDENTITY_INSERT {table} OFF", transaction: transaction);
            await transaction.CommitAsync(cancellationToken);
            copied += inBatch;
            if (inBatch > 0) logger.LogInformation("{Table}: {Copied}/{Total} rows", table, copied, total);
            if (inBatch < BatchSize) break;
        }
    }

    private async Task SetConstraintsAsync(DbConnection connection, IReadOnlyList<string> tables, bool enabled)
    {
        if (target.Dialect.Provider == DatabaseProvider.Sqlite)
        {
            // Self-references (an organisation's parent) make an order insufficient: check once, after the copy.
            await connection.ExecuteAsync(enabled ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
            if (enabled && (await connection.QueryAsync("PRAGMA foreign_key_check")).Any())
            {
                throw new InvalidOperationException("The copied data breaks a foreign key.");
            }
            return;
        }
        foreach (var table in tables)
        {
            await connection.ExecuteAsync(enabled ? $"ALTER TABLE {table} WITH CHECK CHECK CONSTRAINT ALL" : $"ALTER TABLE {table} NOCHECK CONSTRAINT ALL");
        }
    }

    private static async Task<(long Rows, string Checksum)> ChecksumAsync(DbConnection connection, string table, IReadOnlyList<string> columns)
    {
        var rows = new List<string>();
        await using var reader = await connection.ExecuteReaderAsync($"SELECT {string.Join(", ", columns)} FROM {table}");
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("\u001f", Enumerable.Range(0, columns.Count).Select(i => reader.IsDBNull(i) ? "\u2400" : Canonical(reader.GetValue(i)))));
        }
        rows.Sort(StringComparer.Ordinal);
        return (rows.Count, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001e", rows)))));
    }

    /// <summary>The same value read from SQLite (text, integers) or SQL Server (native types) gives the same text.</summary>
    private static string Canonical(object value) => value switch
    {
        Guid guid => guid.ToString("D"),
        DateTimeOffset time => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTime date when date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
        bool flag => flag ? "1" : "0",
        decimal number => (number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        double number => ((decimal)number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        string text when text.Length == 36 && Guid.TryParse(text, out var guid) => guid.ToString("D"),
        string text when text.EndsWith('Z') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        string text when decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            && text.Contains('.', StringComparison.Ordinal) => (number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// Every table but the migration journal and the webhook fan-out's cursor, parents before children. The cursor is a
    /// position in the source's change order, which the target's (a rowversion on SQL Server) does not share: the target
    /// starts its own at its first fan-out, after the changes copied, so they are not sent again.
    /// </summary>
    private static async Task<IReadOnlyList<string>> TablesAsync(DbConnection connection, DatabaseProvider provider)
    {
        var names = provider == DatabaseProvider.Sqlite
            ? await connection.QueryAsync<string>(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('SchemaVersions', 'sqlite_sequence', 'webhook_fanout') ORDER BY rowid")
            : await connection.QueryAsync<string>("SELECT t.name FROM sys.tables t WHERE t.name NOT IN ('SchemaVersions', 'webhook_fanout') ORDER BY t.object_id");
        return names.ToList();
    }

    private static async Task<IReadOnlyList<string>> ColumnsAsync(DbConnection connection, DatabaseProvider provider, string table)
        => (provider == DatabaseProvider.Sqlite
            ? await connection.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid")
            : await connection.QueryAsync<string>(
                // rowversion and clustering identities are made by the target; a change's sequence is copied as it was.
                "SELECT c.name FROM sys.columns c WHERE c.object_id = OBJECT_ID(@Table) AND c.system_type_id <> 189 "
                + "AND (c.is_identity = 0 OR c.name = 'sequence') ORDER BY c.column_id",
                new { Table = table })).ToList();
}
