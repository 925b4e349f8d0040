using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Briefings;

public sealed class BriefingTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task An_organisation_with_no_data_gets_empty_sections_not_an_error()
    {
        var quiet = await Admin.CreateOrganisationAsync(new NewOrganisation("A quiet NGO") { Kind = "ngo" });
        var briefing = await (await Admin.GetAsync($"/api/organisations/{quiet.Id()}/briefing")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)briefing["organisation"]!["name"]!, Is.EqualTo("A quiet NGO"));
        foreach (var section in new[] { "representatives", "recentEngagements", "openCommitments", "overdueCommitments", "memberships", "latestFigures",
            "topTopics" })
        {
            Assert.That(briefing[section]!.AsArray(), Is.Empty, section);
        }
        var timeline = await (await Admin.GetAsync($"/api/organisations/{quiet.Id()}/timeline")).JsonAsync(HttpStatusCode.OK);
        Assert.That(timeline["items"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task A_busy_organisation_gets_its_20_soonest_due_open_commitments_first_50_memberships_and_latest_five_engagements()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok Technology Ltd");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var due = Enumerable.Range(0, 24).Select(i => today.AddDays(i * 7 - 35)).ToList();
        foreach (var (day, i) in due.Select((d, i) => (d, i)).Reverse())
        {
            await Admin.CreateAsync(Routes.Commitments,
                new NewCommitment($"Commitment {i}", tiktok.Id()) { Category = "presentation", Status = "open", DueDate = day.ToString("yyyy-MM-dd") });
        }
        for (var i = 0; i < 7; i++)
        {
            await Admin.CreateAsync(Routes.Engagements,
                new NewEngagement($"Call {i}", $"2021-01-{1 + i:00}T10:00:00Z") { Kind = "call", OrganisationIds = [tiktok.Id()] });
        }

        for (var i = 0; i < 52; i++)
        {
            var forum = await Admin.CreateAsync(Routes.Bodies, new NewBody($"Forum {i:00}", "forum"));
            await Admin.CreateAsync(Routes.Memberships, new NewMembership(tiktok.Id(), forum.Id(), "member") { Since = "2021-06-28" });
        }

        var briefing = await (await Admin.GetAsync($"/api/organisations/{tiktok.Id()}/briefing")).JsonAsync(HttpStatusCode.OK);
        Assert.That(briefing["memberships"]!.AsArray().Select(m => (string)m!["bodyName"]!), Is.EqualTo(Enumerable.Range(0, 50).Select(i => $"Forum {i:00}")));
        Assert.That(briefing["openCommitments"]!.AsArray().Select(c => (string)c!["title"]!),
            Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"Commitment {i}")));
        Assert.That(briefing["overdueCommitments"]!.AsArray().Select(c => (string)c!["title"]!),
            Is.EqualTo(Enumerable.Range(0, 5).Select(i => $"Commitment {i}")));
        Assert.That(briefing["recentEngagements"]!.AsArray().Select(e => (string)e!["title"]!),
            Is.EqualTo(new[] { "Call 6", "Call 5", "Call 4", "Call 3", "Call 2" }));
    }

    [Test]
    public async Task The_latest_figures_are_the_newest_of_each_series_among_the_200_most_recent_whatever_case_units_and_scopes_are_written_in()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok Technology Ltd");
        async Task<string> Figure(string metric, decimal value, string unit, string? scope, string asOf)
            => (await Admin.CreateAsync(Routes.Figures, new NewFigure(tiktok.Id(), metric, value, unit) { Scope = scope, AsOf = asOf })).Id();

        await Figure("Removals", 1, "count", null, "2019-01-01");
        await Figure("Trust and safety staff", 20, "people", "Europe", "2021-01-01");
        await Figure("trust and safety staff", 1000, "People", "europe", "2021-06-28");
        await Figure("Trust and safety staff", 900, "FTE", "Europe", "2021-07-01");
        var sameDay = new[] { await Figure("Users", 5, "count", null, "2021-02-01"), await Figure("Users", 6, "count", null, "2021-02-01") };
        for (var i = 0; i < 195; i++) await Figure("Users", i, "count", null, new DateOnly(2020, 1, 1).AddDays(i).ToString("yyyy-MM-dd"));

        var briefing = await (await Admin.GetAsync($"/api/organisations/{tiktok.Id()}/briefing")).JsonAsync(HttpStatusCode.OK);
        var newestUsers = sameDay.Max(Guid.Parse) == Guid.Parse(sameDay[0]) ? 5 : 6;
        Assert.That(briefing["latestFigures"]!.AsArray().Select(f => $"{f!["metric"]}|{f["unit"]}|{f["scope"]}|{f["value"]}|{f["observedOn"]}"),
            Is.EqualTo(new[]
            {
                "Trust and safety staff|FTE|Europe|900|2021-07-01",
                "trust and safety staff|People|europe|1000|2021-06-28",
                $"Users|count||{newestUsers}|2021-02-01",
            }), "the removals figure is the 201st most recent");
    }

    [Test]
    public async Task The_top_topics_are_the_five_most_frequent_among_its_recent_engagements_then_by_name()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok Technology Ltd");
        var topics = new Dictionary<string, string>();
        foreach (var name in new[] { "Age assurance", "Child safety", "Disinformation", "Elections", "Fact-checking", "Terrorist content" })
        {
            topics[name] = (await Admin.CreateAsync(Routes.Topics, new NewTopic(name))).Id();
        }
        string[][] tagged = [["Terrorist content", "Elections"], ["Terrorist content", "Child safety"], ["Terrorist content", "Fact-checking"],
            ["Child safety", "Age assurance"], ["Disinformation"]];
        foreach (var (names, i) in tagged.Select((n, i) => (n, i)))
        {
            await Admin.CreateAsync(Routes.Engagements, new NewEngagement($"Call {i}", $"2021-01-{1 + i:00}T10:00:00Z")
            {
                Kind = "call", OrganisationIds = [tiktok.Id()], TopicIds = [.. names.Select(n => topics[n])],
            });
        }

        var briefing = await (await Admin.GetAsync($"/api/organisations/{tiktok.Id()}/briefing")).JsonAsync(HttpStatusCode.OK);
        Assert.That(briefing["topTopics"]!.AsArray().Select(t => $"{t!["name"]}:{t["engagements"]}"),
            Is.EqualTo(new[] { "Terrorist content:3", "Child safety:2", "Age assurance:1", "Disinformation:1", "Elections:1" }));
        Assert.That((string)briefing["topTopics"]![0]!["topicId"]!, Is.EqualTo(topics["Terrorist content"]));
    }

    [Test]
    public async Task A_commitment_or_membership_moved_to_another_organisation_takes_its_status_changes_to_that_timeline()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok Technology Ltd");
        var bytedance = await Admin.CreateOrganisationAsync("ByteDance Ltd");
        var commitment = await Admin.CreateAsync(Routes.Commitments,
            new NewCommitment("Present at the SOM", tiktok.Id()) { Category = "presentation", Status = "open", DueDate = "2021-11-15" });
        var forum = await Admin.CreateAsync(Routes.Bodies, new NewBody("EU Internet Forum", "forum"));
        var membership = await Admin.CreateAsync(Routes.Memberships, new NewMembership(tiktok.Id(), forum.Id(), "applied") { Since = "2021-06-28" });
        Assert.That(await TimelineTypesAsync(tiktok), Is.EquivalentTo(new[] { "commitmentStatus", "membershipStatus" }));

        (await Admin.PatchAsync(Routes.Commitments, commitment, $$"""{"organisationId": "{{bytedance.Id()}}"}""")).EnsureSuccessStatusCode();
        (await Admin.PatchAsync(Routes.Memberships, membership, $$"""{"organisationId": "{{bytedance.Id()}}"}""")).EnsureSuccessStatusCode();

        Assert.That(await TimelineTypesAsync(tiktok), Is.Empty);
        Assert.That(await TimelineTypesAsync(bytedance), Is.EquivalentTo(new[] { "commitmentStatus", "membershipStatus" }));
    }

    private async Task<IEnumerable<string>> TimelineTypesAsync(JsonObject organisation)
        => (await (await Admin.GetAsync($"/api/organisations/{organisation.Id()}/timeline")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(e => (string)e!["type"]!).ToList();

    [Test]
    public async Task The_whole_briefing_is_one_round_trip_whatever_the_organisation_has()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var tiktok = seed.TikTok.Id();
        var meeting = await Admin.CreateAsync(Routes.Engagements, seed.Engagement());
        await Admin.CreateAsync("/api/commitments", new
        {
            title = "Present at the SOM", direction = "theirs", category = "presentation", organisationId = tiktok, madeInEngagementId = meeting.Id(),
            status = "open",
            dueDate = "2021-11-15", topicIds = new[] { seed.Tco.Id() },
        });
        var forum = await Admin.CreateAsync("/api/bodies", new { name = "EU Internet Forum", kind = "forum" });
        await Admin.CreateAsync("/api/memberships", new { organisationId = tiktok, bodyId = forum.Id(), status = "applied", since = "2021-06-28" });
        await Admin.CreateAsync(Routes.Figures,
            new { organisationId = tiktok, metric = "Trust and safety staff", value = 1000, unit = "people", asOf = "2021-06-28" });
        var quiet = await Admin.CreateOrganisationAsync(new NewOrganisation("A quiet NGO") { Kind = "ngo" });

        Assert.That(await CommandsToReadAsync(tiktok, HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(await CommandsToReadAsync(quiet.Id(), HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(await CommandsToReadAsync(Guid.NewGuid().ToString(), HttpStatusCode.NotFound), Is.EqualTo(1));
        var briefing = await (await Admin.GetAsync($"/api/organisations/{tiktok}/briefing")).JsonAsync(HttpStatusCode.OK);
        Assert.That(briefing["recentEngagements"]![0]!["participants"]!.AsArray(), Is.Not.Empty);
        Assert.That(briefing["openCommitments"]![0]!["history"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(briefing["memberships"]![0]!["history"]!.AsArray(), Has.Count.EqualTo(1));
    }

    /// <summary>SQL commands a briefing sends, once the caller's key is known (the first request looks it up).</summary>
    private async Task<long> CommandsToReadAsync(string organisationId, HttpStatusCode status)
    {
        var route = $"/api/organisations/{organisationId}/briefing";
        Assert.That((await Admin.GetAsync(route)).StatusCode, Is.EqualTo(status));
        return await DatabaseCommands.CountAsync(() => Admin.GetAsync(route), status);
    }

    [Test]
    public async Task Unknown_organisations_are_404()
    {
        await (await Admin.GetAsync($"/api/organisations/{Guid.NewGuid()}/briefing")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync($"/api/organisations/{Guid.NewGuid()}/timeline")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
