using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Organisations;

/// <summary>Every list filter and every sort is served by an index: SQLite's plan never scans the table itself.</summary>
public sealed class OrganisationQueryPlanTests(DatabaseProvider provider) : ApiTest(provider)
{
    private static readonly ListOrganisations[] Filters =
    [
        new(),
        new() { Q = "tik" },
        new() { Kind = "ngo" },
        new() { Internal = true },
        new() { Country = "IE" },
        new() { Tag = "platform" },
        new() { ParentId = Guid.NewGuid() },
        new() { IncludeArchived = true },
    ];

    [Test]
    public async Task No_filter_or_sort_scans_the_organisations_table()
    {
        if (Provider != DatabaseProvider.Sqlite) Assert.Ignore("Query plans are read from SQLite here.");
        await using var connection = await Host.Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        var checkedPlans = 0;
        foreach (var filter in Filters)
        {
            foreach (var sortName in new[] { "name", "-name", "createdAt", "-updatedAt" })
            {
                var sort = OrganisationSort.Parse(sortName)!;
                foreach (var afterCursor in new[] { false, true })
                {
                    var sql = ListOrganisationsHandler.Sql(Dialect.Sqlite, filter, sort, afterCursor);
                    var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, new
                    {
                        Kind = "ngo", Internal = true, Country = "IE", TagKey = "platform", ParentId = Guid.NewGuid(),
                        TermFrom = "tik", TermTo = "til", CursorName = "m", CursorTime = DateTimeOffset.UnixEpoch, CursorId = Guid.NewGuid(), Take = 51,
                    })).Select(row => row.Detail).ToList();
                    Assert.That(plan.Where(step => step.StartsWith("SCAN o", StringComparison.Ordinal) && !step.Contains("INDEX")), Is.Empty,
                        $"{sortName} {sql}{Environment.NewLine}{string.Join(Environment.NewLine, plan)}");
                    checkedPlans++;
                }
            }
        }
        Assert.That(checkedPlans, Is.EqualTo(Filters.Length * 8));
    }
}
