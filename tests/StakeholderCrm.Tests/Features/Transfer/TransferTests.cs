using Dapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StakeholderCrm.Api.Features.Demo;
using StakeholderCrm.Api.Features.Transfer;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Transfer;

/// <summary>The transfer's code path, SQLite to SQLite here; to SQL Server when STAKEHOLDERCRM_TEST_SQLSERVER is set.</summary>
public sealed class TransferTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Copies_every_table_and_verifies_counts_and_checksums_then_refuses_a_non_empty_target()
    {
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            await new SeedDemo(scope.ServiceProvider.GetRequiredService<IMediator>()).RunAsync(CancellationToken.None);
        }
        await ClientWithRoleAsync("reader");
        var request = new HttpRequestMessage(HttpMethod.Post, Routes.Organisations) { Content = Requests.Json("""{"name": "Keyed", "kind": "ngo"}""") };
        request.Headers.Add("Idempotency-Key", "transfer-test");
        (await Admin.SendAsync(request)).EnsureSuccessStatusCode();

        var folder = Path.Combine(Path.GetTempPath(), "stakeholdercrm-transfer", Guid.NewGuid().ToString("N"));
        var target = new ConnectionFactory(
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite }, $"Data Source={Path.Combine(folder, "copy.db")}", folder);
        var transfer = new DatabaseTransfer(Host.Services.GetRequiredService<ConnectionFactory>(), target, NullLogger.Instance);

        var report = await transfer.RunAsync(CancellationToken.None);

        Assert.That(report.Verified, Is.True, string.Join("\n", report.Tables));
        var rows = report.Tables.ToDictionary(t => t.Table, t => t.TargetRows);
        Assert.That(rows.Keys, Is.SupersetOf(new[]
        {
            "changes", "api_keys", "idempotency_keys", "organisations", "engagements", "engagement_key_points", "commitment_transitions",
            "membership_history", "figures", "search_terms",
        }));
        Assert.That(rows.Keys, Has.None.EqualTo("SchemaVersions"));
        Assert.That(rows["organisations"], Is.EqualTo(4));
        Assert.That(rows["idempotency_keys"], Is.EqualTo(1));
        Assert.That(rows["api_keys"], Is.EqualTo(2));
        Assert.That(rows["changes"], Is.EqualTo(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes")));
        await using (var copy = await target.OpenAsync(CancellationToken.None))
        {
            Assert.That(await copy.ExecuteScalarAsync<string>("SELECT time_zone FROM engagements"), Is.EqualTo("Europe/Brussels"));
        }

        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => transfer.RunAsync(CancellationToken.None));
        Assert.That(again!.Message, Does.Contain("not empty"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
