using Microsoft.Data.SqlClient;

namespace StakeholderCrm.Api.Infrastructure.Data;

/// <summary>
/// SqlClient's configurable retry logic for transient faults: used when opening connections and for reads outside a
/// transaction, the operations that are safe to repeat. Writes are never retried statement by statement; a failed
/// command rolls back whole and the client retries it with its Idempotency-Key or If-Match.
/// </summary>
public static class SqlServerRetry
{
    /// <summary>
    /// The transient error numbers documented for SQL Server and Azure SQL: deadlock and lock timeouts (1204, 1205, 1222),
    /// failover and reconfiguration (40197, 40613, 4060, 4221, 40143, 40540), throttling (40501, 10928, 10929, 49918-49920),
    /// serverless resume (42108, 42109), and network faults (10053, 10054, 10060, 997, 233, 64, 20, 0, -2). SqlClient's
    /// default list also holds 207, 102 and 2812; those are faults in the statement itself and are left out.
    /// </summary>
    public static readonly IReadOnlySet<int> TransientErrors = new HashSet<int>
    {
        1204, 1205, 1222, 40197, 40613, 4060, 4221, 40143, 40540, 40501, 10928, 10929, 49918, 49919, 49920, 42108, 42109,
        10053, 10054, 10060, 997, 233, 64, 20, 0, -2,
    };

    public static bool IsTransient(int errorNumber) => TransientErrors.Contains(errorNumber);

    public static SqlRetryLogicBaseProvider Create(DatabaseOptions options)
        => SqlConfigurableRetryFactory.CreateExponentialRetryProvider(new SqlRetryLogicOption
        {
            NumberOfTries = Math.Max(1, options.RetryCount + 1),
            DeltaTime = TimeSpan.FromMilliseconds(500),
            MaxTimeInterval = TimeSpan.FromSeconds(Math.Max(1, options.RetryMaxDelaySeconds)),
            TransientErrors = TransientErrors,
        });
}
