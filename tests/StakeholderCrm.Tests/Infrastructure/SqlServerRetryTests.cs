using Microsoft.Data.SqlClient;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class SqlServerRetryTests
{
    [TestCase(1205, Description = "deadlock victim")]
    [TestCase(40613, Description = "database not currently available (failover)")]
    [TestCase(40501, Description = "service busy (throttling)")]
    [TestCase(40197, Description = "error processing the request (reconfiguration)")]
    [TestCase(49918, Description = "not enough resources")]
    [TestCase(4060, Description = "cannot open database")]
    [TestCase(10054, Description = "connection reset")]
    [TestCase(-2, Description = "timeout")]
    public void Documented_transient_errors_are_retried(int number) => Assert.That(SqlServerRetry.IsTransient(number), Is.True);

    [TestCase(2627, Description = "unique key")]
    [TestCase(2601, Description = "unique index")]
    [TestCase(547, Description = "foreign key")]
    [TestCase(8152, Description = "truncation")]
    [TestCase(208, Description = "invalid object")]
    [TestCase(207, Description = "invalid column: in SqlClient's default list, a fault in the statement here")]
    [TestCase(102, Description = "syntax error")]
    [TestCase(2812, Description = "unknown procedure")]
    public void Errors_in_the_request_itself_are_not_retried(int number) => Assert.That(SqlServerRetry.IsTransient(number), Is.False);

    [Test]
    public void The_provider_is_built_from_configuration()
    {
        var provider = SqlServerRetry.Create(new DatabaseOptions { RetryCount = 4, RetryMaxDelaySeconds = 3 });
        Assert.That(provider.RetryLogic.NumberOfTries, Is.EqualTo(5));
        Assert.That(provider.RetryLogic.TransientPredicate(new TimeoutException()), Is.False, "only SqlExceptions with a transient number are retried");
    }
}
