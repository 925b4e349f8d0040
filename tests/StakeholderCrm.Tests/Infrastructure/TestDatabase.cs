using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>Empties every table but the migration journal, then lets the app register the bootstrap admin key again.</summary>
public static class TestDatabase
{
    /// <summary>
    /// The webhook fan-out's cursor goes back to the start rather than away: a dispatcher that found it missing would
    /// start it at the latest change, and skip those a test made in between.
    /// </summary>
    private const string RestartFanOut = "UPDATE webhook_fanout SET last_position = 0;"
        + "INSERT INTO webhook_fanout (id, last_position) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM webhook_fanout);";

    public static async Task ResetAsync(ApiHost host)
    {
        var connections = host.Services.GetRequiredService<ConnectionFactory>();
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        {
            if (host.Provider == DatabaseProvider.Sqlite)
            {
                var tables = await connection.QueryAsync<string>(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('SchemaVersions', 'sqlite_sequence', 'webhook_fanout')");
                await connection.ExecuteAsync("PRAGMA foreign_keys = OFF;" + string.Concat(tables.Select(t => $"DELETE FROM \"{t}\";"))
                    + "PRAGMA foreign_keys = ON;" + RestartFanOut);
            }
            else
            {
                var tables = (await connection.QueryAsync<string>(
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT IN ('SchemaVersions', 'webhook_fanout')"))
                    .ToList();
                await connection.ExecuteAsync(string.Concat(tables.Select(t => $"ALTER TABLE [{t}] NOCHECK CONSTRAINT ALL;"))
                    + string.Concat(tables.Select(t => $"DELETE FROM [{t}];"))
                    + string.Concat(tables.Select(t => $"ALTER TABLE [{t}] WITH CHECK CHECK CONSTRAINT ALL;")) + RestartFanOut);
            }
        }
        await host.Services.GetRequiredService<BootstrapAdminKey>().EnsureAsync(CancellationToken.None);
        host.Services.GetRequiredService<ApiKeyCache>().Clear();
    }

    public static async Task<long> CountAsync(ApiHost host, string sql, object? param = null)
    {
        await using var connection = await host.Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql, param);
    }

    /// <summary>Writes what the API refuses to, standing for data recorded before a rule existed.</summary>
    public static async Task<int> ExecuteAsync(ApiHost host, string sql, object? param = null)
    {
        await using var connection = await host.Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteAsync(sql, param);
    }
}
