using Microsoft.Extensions.Diagnostics.HealthChecks;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Health;

/// <summary>
/// Ready when the database answers, no migration is pending, writes do not fail for want of storage, and an SQLite
/// database's volume has at least a megabyte free.
/// </summary>
public sealed class DatabaseReadyCheck(Migrator migrator, StorageHealth storage, ConnectionFactory connections) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (storage.Fault is { } fault) return Task.FromResult(HealthCheckResult.Degraded(fault));
        if (VolumeShortOfSpace() is { } shortage) return Task.FromResult(HealthCheckResult.Degraded(shortage));
        try
        {
            var pending = migrator.PendingScripts();
            return Task.FromResult(pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable; migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending: {string.Join(", ", pending)}."));
        }
        catch (Exception exception)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Database unreachable.", exception));
        }
    }

    /// <summary>Below this the volume is as good as full for the database: a few creates and their log.</summary>
    public const long MinimumFreeBytes = 1024 * 1024;

    /// <summary>
    /// A full volume is said before a write fails on it, and after a restart, when no write has failed yet in this
    /// process. The folder is not named: readiness answers anyone.
    /// </summary>
    private string? VolumeShortOfSpace()
    {
        if (connections.SqliteFolder is not { } folder) return null;
        long free;
        try { free = new DriveInfo(folder).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
        return free >= MinimumFreeBytes ? null
            : $"The database's volume has {free / 1024} KB free: writes fail for want of space. Free space on the volume; the API recovers without a restart.";
    }
}
