using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Features.Engagements;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Rules;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Engagements;

/// <summary>
/// A search word is checked per engagement on a walk in page order when it is frequent, and its matches are collected
/// and sorted when it is rare: both plans must find the same engagements in the same order, with any other filter.
/// </summary>
public sealed class EngagementWordPlanTests(DatabaseProvider provider) : ApiTest(provider)
{
    private SeedMeeting seed = null!;
    private JsonObject meta = null!;

    [SetUp]
    public async Task RecordMeetings()
    {
        seed = await SeedMeeting.RecordPeopleAsync(Admin);
        meta = await Admin.CreateOrganisationAsync(new NewOrganisation("Meta Platforms Ireland") { TransparencyRegisterId = "28666427835-74" });
        string[] texts = ["Transparency centre in Dublin", "Removal orders within one hour", "TikTok transparency report", "Tik Tok child safety",
            "Dublin workshop on removal orders", "Transparent recommender systems"];
        for (var i = 0; i < 18; i++)
        {
            await Admin.CreateAsync(Routes.Engagements, seed.Engagement() with
            {
                Title = $"Meeting {i}",
                StartsAt = new DateTimeOffset(2021, 1, 1, 9, 0, 0, TimeSpan.Zero).AddDays(i % 5 == 0 ? 0 : i * 7).ToString("O"),
                EndsAt = null,
                OrganisationIds = [i % 3 == 0 ? meta.Id() : seed.TikTok.Id()],
                TopicIds = [i % 2 == 0 ? seed.ChildSafety.Id() : seed.Tco.Id()],
                KeyPoints = [new("keyPoint", texts[i % texts.Length])],
            });
        }
    }

    [TestCase("dublin", "")]
    [TestCase("transp", "")]
    [TestCase("tik", "organisation")]
    [TestCase("removal orders", "topic")]
    [TestCase("dublin", "contact")]
    [TestCase("transparency tik", "organisation topic")]
    [TestCase("nowhere", "")]
    public async Task A_walk_and_a_collection_find_the_same_engagements_in_the_same_order(string q, string links)
    {
        var query = new ListEngagements
        {
            Q = q,
            OrganisationId = links.Contains("organisation") ? Guid.Parse(seed.TikTok.Id()) : null,
            TopicId = links.Contains("topic") ? Guid.Parse(seed.ChildSafety.Id()) : null,
            ContactId = links.Contains("contact") ? Guid.Parse(seed.Greer.Id()) : null,
        };
        var words = Text.SearchKey(q).Split(' ').Select(Text.PrefixRange).ToArray();
        var parameters = new DynamicParameters(new { query.OrganisationId, query.TopicId, query.ContactId, Cleared = true, Take = 100 });
        for (var i = 0; i < words.Length; i++)
        {
            parameters.Add($"Word{i}From", words[i].From);
            parameters.Add($"Word{i}To", words[i].To);
        }
        var connections = Host.Services.GetRequiredService<ConnectionFactory>();
        await using var connection = await connections.OpenAsync(CancellationToken.None);

        foreach (var sort in new[] { "-startsAt", "updatedAt" })
        {
            var parsed = EngagementSort.Parse(sort)!;
            var walked = await IdsAsync(connection,
                ListEngagementsHandler.Sql(connections.Dialect, query, words.Length, parsed, afterCursor: false, frequentWords: true), parameters);
            var collected = await IdsAsync(connection,
                ListEngagementsHandler.Sql(connections.Dialect, query, words.Length, parsed, afterCursor: false, frequentWords: false), parameters);
            Assert.That(walked, Is.EqualTo(collected), sort);
            var api = (await Admin.ListAsync(Routes.Engagements, $"q={Uri.EscapeDataString(q)}&sort={sort}&limit=100"
                + (query.OrganisationId is null ? "" : $"&organisationId={query.OrganisationId}")
                + (query.TopicId is null ? "" : $"&topicId={query.TopicId}")
                + (query.ContactId is null ? "" : $"&contactId={query.ContactId}"))).Select(e => e.Id()).ToList();
            Assert.That(api, Is.EqualTo(collected), sort);
        }
        if (q != "nowhere") Assert.That(await IdsAsync(connection,
            ListEngagementsHandler.Sql(connections.Dialect, query, words.Length, EngagementSort.Parse(null)!, false, true), parameters), Is.Not.Empty);
    }

    private static async Task<List<string>> IdsAsync(System.Data.Common.DbConnection connection, string sql, DynamicParameters parameters)
        => (await connection.QueryAsync(sql, parameters)).Select(row => ((object)((IDictionary<string, object>)row)["id"]).ToString()!.ToLowerInvariant())
            .ToList();
}
