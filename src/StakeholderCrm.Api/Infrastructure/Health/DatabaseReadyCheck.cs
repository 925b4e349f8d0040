using Microsoft.Extensions.Diagnostics.HealthChecks;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Health;

/// <summary>Ready when the database answers, no migration is pending and writes do not fail for want of storage.</summary>
public sealed class DatabaseReadyCheck(Migrator migrator, StorageHealth storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (storage.Fault is { } fault) return Task.FromResult(HealthCheckResult.Degraded(fault));
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
}
