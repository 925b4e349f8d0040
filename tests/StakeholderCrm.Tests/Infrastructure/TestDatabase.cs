using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>Empties every table but the migration journal, then lets the app register the bootstrap admin key again.</summary>
public static class TestDatabase
{
    public static async Task ResetAsync(ApiHost host)
    {
        var connections = host.Services.GetRequiredService<ConnectionFactory>();
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        {
            if (host.Provider == DatabaseProvider.Sqlite)
            {
                var tables = await connection.QueryAsync<string>(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('SchemaVersions', 'sqlite_sequence')");
                await connection.ExecuteAsync("PRAGMA foreign_keys = OFF;" + string.Concat(tables.Select(t => $"DELETE FROM \"{t}\";"))
                    + "PRAGMA foreign_keys = ON;");
            }
            else
            {
                var tables = (await connection.QueryAsync<string>(
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> 'SchemaVersions'")).ToList();
                await connection.ExecuteAsync(string.Concat(tables.Select(t => $"ALTER TABLE [{t}] NOCHECK CONSTRAINT ALL;"))
                    + string.Concat(tables.Select(t => $"DELETE FROM [{t}];"))
                    + string.Concat(tables.Select(t => $"ALTER TABLE [{t}] WITH CHECK CHECK CONSTRAINT ALL;")));
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
