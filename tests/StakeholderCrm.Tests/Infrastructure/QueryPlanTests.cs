using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Features.Bodies;
using StakeholderCrm.Api.Features.Briefings;
using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Features.Figures;
using StakeholderCrm.Api.Features.Memberships;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Features.Topics;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>Every list filter and sort is served by an index: SQLite's plan never walks a whole table without one.</summary>
public sealed class QueryPlanTests(DatabaseProvider provider) : ApiTest(provider)
{
    private static readonly object Parameters = new
    {
        Kind = "ngo", Status = "held", Confidentiality = "internal", Internal = true, InterestRepresentative = true, Country = "IE", TagKey = "platform",
        ParentId = Guid.NewGuid(), OrganisationId = Guid.NewGuid(), ContactId = Guid.NewGuid(), TopicId = Guid.NewGuid(),
        From = DateTimeOffset.UnixEpoch, To = DateTimeOffset.UtcNow, TermFrom = "tik", TermTo = "til", Word0From = "tik", Word0To = "til",
        Status0 = "open", Direction = "ours", OwnerId = Guid.NewGuid(), EngagementId = Guid.NewGuid(), DueBefore = new DateOnly(2030, 1, 1),
        DueAfter = new DateOnly(2020, 1, 1), Today = new DateOnly(2026, 1, 1), BodyId = Guid.NewGuid(), AsOf = new DateOnly(2021, 1, 1),
        MetricKey = "users", SourceEngagementId = Guid.NewGuid(), CursorDate = new DateOnly(2021, 1, 1),
        CursorName = "m", CursorTime = DateTimeOffset.UnixEpoch, CursorId = Guid.NewGuid(), Take = 51,
    };

    public static IEnumerable<TestCaseData> Lists()
    {
        var sqlite = Dialect.Sqlite;
        foreach (var sort in new[] { "name", "-name", "createdAt", "-updatedAt" })
        {
            var parsed = OrganisationSort.Parse(sort)!;
            ListOrganisations[] filters =
            [
                new(), new() { Q = "tik" }, new() { Kind = "ngo" }, new() { Internal = true }, new() { Country = "IE" },
                new() { Tag = "platform" }, new() { ParentId = Guid.NewGuid() }, new() { IncludeArchived = true },
                new() { InterestRepresentative = false },
            ];
            foreach (var filter in filters)
                foreach (var cursor in new[] { false, true })
                    yield return Case($"organisations {sort} {filter} {cursor}", ListOrganisationsHandler.Sql(sqlite, filter, parsed, cursor));
        }
        foreach (var sort in new[] { "fullName", "-updatedAt" })
        {
            ListContacts[] filters = [new(), new() { Q = "gre" }, new() { OrganisationId = Guid.NewGuid() },
                new() { OrganisationId = Guid.NewGuid(), AnyTime = true }, new() { Internal = true }];
            foreach (var filter in filters)
                yield return Case($"contacts {sort} {filter}", ListContactsHandler.Sql(sqlite, filter, ContactSort.Parse(sort)!, afterCursor: true));
        }
        foreach (var filter in new ListTopics[] { new(), new() { Q = "child" }, new() { ParentId = Guid.NewGuid() } })
            yield return Case($"topics {filter}", ListTopicsHandler.Sql(sqlite, filter, afterCursor: true));
        foreach (var sort in new[] { "-startsAt", "updatedAt" })
        {
            ListEngagements[] filters =
            [
                new(), new() { OrganisationId = Guid.NewGuid() }, new() { ContactId = Guid.NewGuid() }, new() { TopicId = Guid.NewGuid() },
                new() { Kind = "call" }, new() { Status = "held" }, new() { Confidentiality = "public" }, new() { From = "2021-01-01", To = "2021-12-31" },
                new() { Q = "dublin" },
            ];
            foreach (var filter in filters)
                foreach (var frequent in new[] { false, true })
                    yield return Case($"engagements {sort} {frequent} {filter}",
                        ListEngagementsHandler.Sql(sqlite, filter, filter.Q is null ? 0 : 1, EngagementSort.Parse(sort)!, afterCursor: true,
                            frequentWords: frequent));
        }
    }

    public static IEnumerable<TestCaseData> FollowUpLists()
    {
        var sqlite = Dialect.Sqlite;
        foreach (var sort in new[] { "dueDate", "-updatedAt" })
        {
            ListCommitments[] filters =
            [
                new(), new() { OrganisationId = Guid.NewGuid() }, new() { Status = ["open"] }, new() { Direction = "ours" }, new() { OwnerId = Guid.NewGuid() },
                new() { EngagementId = Guid.NewGuid() }, new() { TopicId = Guid.NewGuid() }, new() { DueBefore = new DateOnly(2030, 1, 1) },
                new() { Overdue = true },
            ];
            foreach (var filter in filters)
                yield return Case($"commitments {sort} {filter}",
                    ListCommitmentsHandler.Sql(sqlite, filter, filter.Status is null ? 0 : 1, CommitmentSort.Parse(sort)!, afterCursor: true));
        }
        foreach (var filter in new ListBodies[] { new(), new() { Q = "forum" }, new() { Kind = "forum" } })
            yield return Case($"bodies {filter}", ListBodiesHandler.Sql(sqlite, filter, afterCursor: true));
        foreach (var filter in new ListMemberships[] { new(), new() { OrganisationId = Guid.NewGuid() }, new() { BodyId = Guid.NewGuid() },
            new() { AsOf = new DateOnly(2021, 1, 1) } })
            yield return Case($"memberships {filter}", ListMembershipsHandler.Sql(sqlite, filter, afterCursor: true));
        foreach (var filter in new ListFigures[] { new(), new() { OrganisationId = Guid.NewGuid() }, new() { Metric = "users" },
            new() { SourceEngagementId = Guid.NewGuid() } })
            yield return Case($"figures {filter}", ListFiguresHandler.Sql(sqlite, filter, afterCursor: true));
    }

    [TestCaseSource(nameof(FollowUpLists))]
    public Task The_follow_up_list_query_never_scans_a_table(string sql) => The_list_query_never_scans_a_table(sql);

    [TestCaseSource(nameof(Lists))]
    public async Task The_list_query_never_scans_a_table(string sql)
    {
        var plan = await PlanAsync(sql);
        Assert.That(plan, Is.Not.Empty);
        Assert.That(TableScans(plan), Is.Empty, Shown(sql, plan));
    }

    public static IEnumerable<TestCaseData> NewestFirstPages()
    {
        var newest = EngagementSort.Parse(null)!;
        ListEngagements[] filters =
        [
            new(), new() { OrganisationId = Guid.NewGuid() }, new() { ContactId = Guid.NewGuid() }, new() { TopicId = Guid.NewGuid() },
            new() { OrganisationId = Guid.NewGuid(), Kind = "call" }, new() { OrganisationId = Guid.NewGuid(), TopicId = Guid.NewGuid() },
            new() { OrganisationId = Guid.NewGuid(), From = "2021-01-01", To = "2021-12-31" },
        ];
        foreach (var filter in filters)
            foreach (var cursor in new[] { false, true })
                yield return Case($"engagements {filter} {cursor}",
                    ListEngagementsHandler.Sql(Dialect.Sqlite, filter, 0, newest, cursor, frequentWords: false));
        yield return Case("engagements with a frequent word",
            ListEngagementsHandler.Sql(Dialect.Sqlite, new ListEngagements { Q = "tik" }, 1, newest, true, frequentWords: true));
        yield return Case("organisation with a frequent word",
            ListEngagementsHandler.Sql(Dialect.Sqlite, new ListEngagements { OrganisationId = Guid.NewGuid(), Q = "tik" }, 1, newest, true,
                frequentWords: true));
    }

    /// <summary>A busy organisation's newest page reads a page of index entries, not all its engagements and a sort of them.</summary>
    [TestCaseSource(nameof(NewestFirstPages))]
    public async Task The_newest_first_engagement_page_walks_an_index_in_page_order(string sql)
    {
        var plan = await PlanAsync(sql);
        var shown = Shown(sql, plan);
        Assert.That(plan, Has.None.Contains("TEMP B-TREE"), shown);
        Assert.That(plan, Has.None.Contains("LIST SUBQUERY"), shown);
        Assert.That(TableScans(plan), Is.Empty, shown);
    }

    /// <summary>A list page's organisations met come from one index in the order shown: no link row read, no sort.</summary>
    [Test]
    public async Task A_pages_organisations_met_are_read_in_order_from_an_index()
    {
        var sql = EngagementQueries.OrganisationsOfMany.Sqlite;
        var plan = await PlanAsync(sql.Replace("@Ids", "'[]'", StringComparison.Ordinal));
        var shown = Shown(sql, plan);
        Assert.That(plan, Has.Some.Contains("eo USING COVERING INDEX ix_engagement_organisations_engagement"), shown);
        Assert.That(plan, Has.None.Contains("TEMP B-TREE"), shown);
    }

    /// <summary>A briefing's top topics skip archived and sensitive engagements by an index on the id, not by reading each row.</summary>
    [Test]
    public async Task The_briefings_topics_read_the_recent_engagements_visibility_from_an_index()
    {
        var sql = GetOrganisationBriefingHandler.Topics.Sqlite;
        var plan = await PlanAsync(sql.Replace("@Id", "'id'", StringComparison.Ordinal).Replace("@Cleared", "0", StringComparison.Ordinal)
            .Replace("@Recent", "200", StringComparison.Ordinal).Replace("@Take", "5", StringComparison.Ordinal));
        var shown = Shown(sql, plan);
        Assert.That(plan, Has.Some.Contains("e USING COVERING INDEX ix_engagements_visibility"), shown);
        Assert.That(plan, Has.Some.Contains("d USING COVERING INDEX ix_engagement_organisations_organisation"), shown);
        Assert.That(plan, Has.Some.Contains("et USING COVERING INDEX"), shown);
        Assert.That(TableScans(plan), Is.EqualTo(new[] { "SCAN counted" }), "only the counts per topic, not a table: " + shown);
    }

    /// <summary>A busy organisation's timeline page merges four index walks in page order, not a sort of its whole history.</summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task The_organisation_timeline_merges_index_walks_in_page_order(bool afterCursor)
    {
        var sql = (afterCursor ? GetOrganisationTimelineHandler.NextPage : GetOrganisationTimelineHandler.FirstPage).Sqlite;
        var plan = await PlanAsync(sql);
        var shown = Shown(sql, plan);
        Assert.That(plan, Has.None.Contains("TEMP B-TREE"), shown);
        Assert.That(TableScans(plan), Is.Empty, shown);
        foreach (var walk in new[] { "eo USING COVERING INDEX ix_engagement_organisations_organisation", "t USING INDEX ix_commitment_transitions_organisation",
                     "h USING INDEX ix_membership_history_organisation", "f USING INDEX ix_figures_organisation_at" })
        {
            Assert.That(plan, Has.Some.Contains(walk), shown);
        }
    }

    private async Task<List<string>> PlanAsync(string sql)
    {
        if (Provider != DatabaseProvider.Sqlite) Assert.Ignore("Query plans are read from SQLite here.");
        await using var connection = await Host.Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, Parameters))
            .Select(row => row.Detail).ToList();
    }

    /// <summary>Steps that read a whole table rather than walk an index.</summary>
    private static IEnumerable<string> TableScans(List<string> plan)
        => plan.Where(step => step.StartsWith("SCAN ", StringComparison.Ordinal) && !step.Contains("INDEX", StringComparison.Ordinal));

    private static string Shown(string sql, List<string> plan) => $"{sql}{Environment.NewLine}{string.Join(Environment.NewLine, plan)}";

    private static TestCaseData Case(string name, string sql) => new TestCaseData(sql).SetArgDisplayNames(name.Length > 120 ? name[..120] : name);
}
