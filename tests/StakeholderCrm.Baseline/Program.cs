// A yardstick for tests/StakeholderCrm.Benchmarks, never part of the product: a stock minimal API with Dapper on plain
// Microsoft.Data.Sqlite (a connection per request from its own pool, its default settings) running the SQL the API ran
// at the start of issue 18 (see Sql.cs). It shares no code with the API. It reads as the benchmark's caller, who is
// cleared for sensitive records (@Cleared = 1) and an admin (@IncludeKeys = 1).
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using StakeholderCrm.Baseline;

const int PageSize = 50;
DefaultTypeMap.MatchNamesWithUnderscores = true;
var builder = WebApplication.CreateBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("Crm") ?? throw new InvalidOperationException("ConnectionStrings:Crm is required.");
var app = builder.Build();
var frequentWords = new ConcurrentDictionary<string, bool>();

app.MapGet("/baseline/organisations/{id:guid}", async (Guid id) =>
{
    await using var db = new SqliteConnection(connectionString);
    var organisation = await db.QuerySingleOrDefaultAsync<Organisation>(Sql.OrganisationById, new { Id = id.ToString() });
    return organisation is null ? Results.NotFound() : Results.Ok(organisation);
});

app.MapGet("/baseline/engagements", async (Guid? organisationId, string? q) =>
{
    await using var db = new SqliteConnection(connectionString);
    await db.OpenAsync();
    string sql;
    var (from, to) = ("", "");
    if (organisationId is not null) sql = Sql.EngagementsOfOrganisation;
    else if (q is not null)
    {
        // One word, as the benchmark searches: the range of words it starts, as the API's search index holds them.
        from = q.Trim().ToLowerInvariant();
        to = from[..^1] + (char)(from[^1] + 1);
        if (!frequentWords.TryGetValue(from, out var frequent))
        {
            frequentWords[from] = frequent = await db.ExecuteScalarAsync<long>(Sql.WordRows, new { From = from, To = to, Take = 5000 }) >= 5000;
        }
        sql = frequent ? Sql.EngagementsWithFrequentWord : Sql.EngagementsWithRareWord;
    }
    else return Results.BadRequest("organisationId or q");
    var rows = (await db.QueryAsync<EngagementSummary>(sql,
        new { OrganisationId = organisationId?.ToString(), Word0From = from, Word0To = to, Take = PageSize + 1, Cleared = 1 })).Take(PageSize).ToList();
    var organisations = (await db.QueryAsync<OrganisationMet>(Sql.OrganisationsOfEngagements, new { Ids = Ids(rows.Select(e => e.Id)) }))
        .ToLookup(o => o.EngagementId);
    return Results.Ok(new { Items = rows.Select(e => e with { Organisations = organisations[e.Id].ToList() }) });
});

app.MapGet("/baseline/commitments", async () =>
{
    await using var db = new SqliteConnection(connectionString);
    await db.OpenAsync();
    var rows = (await db.QueryAsync<Commitment>(Sql.OverdueCommitments, new { Today = Today(), Take = PageSize + 1, Cleared = 1 })).Take(PageSize).ToList();
    return Results.Ok(new { Items = await WithHistoryAsync(db, rows) });
});

app.MapGet("/baseline/organisations/{id:guid}/briefing", async (Guid id) =>
{
    await using var db = new SqliteConnection(connectionString);
    await db.OpenAsync();
    var key = new { Id = id.ToString(), Cleared = 1 };
    var organisation = await db.QuerySingleOrDefaultAsync<Organisation>(Sql.OrganisationById, key);
    if (organisation is null) return Results.NotFound();
    var engagements = (await db.QueryAsync<Engagement>(Sql.BriefingEngagements, new { key.Id, key.Cleared, Take = 5 })).ToList();
    var commitments = await WithHistoryAsync(db, (await db.QueryAsync<Commitment>(Sql.BriefingCommitments, new { key.Id, key.Cleared, Take = 20 })).ToList());
    var memberships = (await db.QueryAsync<Membership>(Sql.BriefingMemberships, new { key.Id, key.Cleared, Take = 50 })).ToList();
    var membershipHistory = (await db.QueryAsync<MembershipChange>(Sql.HistoryOfMemberships, new { Ids = Ids(memberships.Select(m => m.Id)) }))
        .ToLookup(h => h.MembershipId);
    var figures = await db.QueryAsync<Figure>(Sql.BriefingFigures, new { key.Id, key.Cleared, Take = 200 });
    var representatives = await db.QueryAsync<Representative>(Sql.BriefingRepresentatives, new { key.Id, Take = 50 });
    var topics = await db.QueryAsync<TopicCount>(Sql.BriefingTopics, new { key.Id, key.Cleared, Take = 5, Recent = 200 });
    return Results.Ok(new
    {
        Organisation = organisation,
        Representatives = representatives,
        RecentEngagements = await WithChildrenAsync(db, engagements),
        OpenCommitments = commitments,
        OverdueCommitments = commitments.Where(c => string.CompareOrdinal(c.DueDate, Today()) < 0),
        Memberships = memberships.Select(m => m with { History = membershipHistory[m.Id].ToList() }),
        LatestFigures = figures,
        TopTopics = topics,
    });
});

app.MapGet("/baseline/changes", async () =>
{
    await using var db = new SqliteConnection(connectionString);
    var rows = (await db.QueryAsync<Change>(Sql.Changes, new { After = 0L, Take = 500, EntityType = (string?)null, IncludeKeys = 1, Cleared = 1 })).ToList();
    return Results.Ok(new { Items = rows, NextCursor = (rows.Count == 0 ? 0 : rows[^1].Position).ToString(CultureInfo.InvariantCulture) });
});

app.Run();

static string Today() => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

static string Ids(IEnumerable<string?> ids) => JsonSerializer.Serialize(ids);

static async Task<List<Commitment>> WithHistoryAsync(SqliteConnection db, List<Commitment> rows)
{
    if (rows.Count == 0) return rows;
    var history = (await db.QueryAsync<Transition>(Sql.HistoryOfCommitments, new { Ids = Ids(rows.Select(c => c.Id)) })).ToLookup(t => t.CommitmentId);
    return rows.Select(c => c with { History = history[c.Id].ToList() }).ToList();
}

static async Task<List<Engagement>> WithChildrenAsync(SqliteConnection db, List<Engagement> rows)
{
    if (rows.Count == 0) return rows;
    using var grid = await db.QueryMultipleAsync(Sql.ChildrenOfEngagements, new { Ids = Ids(rows.Select(e => e.Id)) });
    var organisations = (await grid.ReadAsync<OrganisationMet>()).ToLookup(o => o.EngagementId);
    var participants = (await grid.ReadAsync<Participant>()).ToLookup(p => p.EngagementId);
    var topics = (await grid.ReadAsync<TopicRef>()).ToLookup(t => t.EngagementId);
    var keyPoints = (await grid.ReadAsync<KeyPoint>()).ToLookup(k => k.EngagementId);
    var links = (await grid.ReadAsync<Link>()).ToLookup(l => l.EngagementId);
    var distribution = (await grid.ReadAsync<Recipient>()).ToLookup(d => d.EngagementId);
    var authors = (await grid.ReadAsync<Author>()).ToDictionary(a => a.EngagementId!);
    return rows.Select(e => e with
    {
        Organisations = organisations[e.Id].ToList(),
        Participants = participants[e.Id].ToList(),
        Topics = topics[e.Id].ToList(),
        KeyPoints = keyPoints[e.Id].ToList(),
        Links = links[e.Id].ToList(),
        Distribution = distribution[e.Id].ToList(),
        Author = authors.GetValueOrDefault(e.Id!),
    }).ToList();
}
