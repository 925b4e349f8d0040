using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Features.Engagements;
using StakeholderCrm.Tests.Features.Organisations;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features;

/// <summary>
/// The 28 June 2021 call with TikTok (shared/seeds), recorded from nothing through the API as a front-end would, then
/// followed up: what TikTok promised, what is overdue, which forums it is in, how its figures changed.
/// </summary>
public sealed class SeedMeetingScenario(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Records_and_follows_up_the_TikTok_meeting()
    {
        var editor = await ClientWithRoleAsync("editor", "policy-unit");
        var seed = await SeedMeeting.RecordPeopleAsync(editor);
        var meeting = await editor.CreateAsync(SeedMeeting.Engagements, seed.Engagement());
        var tiktok = seed.TikTok.Id();

        var bodies = new Dictionary<string, string>();
        foreach (var (name, kind) in new[]
                 {
                     ("EU Internet Forum", "forum"), ("Code of Conduct on countering illegal hate speech online", "codeOfConduct"),
                     ("EU Code of Practice on Disinformation", "codeOfPractice"), ("Tech Coalition", "alliance"), ("WeProtect Global Alliance", "alliance"),
                     ("Voluntary Principles to Counter Online Child Sexual Exploitation and Abuse", "principles"),
                 })
        {
            bodies[name] = (await editor.CreateAsync("/api/bodies", new { name, kind, convenerId = name == "EU Internet Forum" ? seed.Home.Id() : null })).Id();
        }
        foreach (var (body, status) in new[]
                 {
                     ("Code of Conduct on countering illegal hate speech online", "signatory"), ("EU Code of Practice on Disinformation", "signatory"),
                     ("Tech Coalition", "member"), ("WeProtect Global Alliance", "member"),
                     ("Voluntary Principles to Counter Online Child Sexual Exploitation and Abuse", "signatory"), ("EU Internet Forum", "interested"),
                 })
        {
            await editor.CreateAsync("/api/memberships", new { organisationId = tiktok, bodyId = bodies[body], status, since = "2021-06-28", sourceEngagementId = meeting.Id() });
        }

        var commitments = new Dictionary<string, JsonObject>();
        foreach (var (title, category, status, due) in new[]
                 {
                     ("Become a member of the EU Internet Forum", "membership", "proposed", (string?)null),
                     ("Present TikTok's activities at the next Senior Officials Meeting", "presentation", "open", "2021-11-30"),
                     ("Organise a virtual visit to the European Transparency Centre in Dublin", "visit", "open", null),
                     ("Take part in workshops on implementing the TCO Regulation", "workshop", "proposed", null),
                 })
        {
            commitments[title] = await editor.CreateAsync("/api/commitments", new
            {
                title, category, status, dueDate = due, direction = "theirs", organisationId = tiktok, madeInEngagementId = meeting.Id(),
                committedById = seed.Greer.Id(), ownerId = seed.Maglione.Id(),
                targetEvent = due is null ? null : "Senior Officials Meeting, November 2021",
            });
        }

        foreach (var figure in new object[]
                 {
                     new { metric = "users in Europe", value = 100_000_000, unit = "count", scope = "Europe", asOf = "2021-06-28" },
                     new { metric = "trust and safety staff in Europe", value = 20, unit = "people", scope = "Europe", periodStart = "2020-01-01", periodEnd = "2020-12-31" },
                     new { metric = "trust and safety staff in Europe", value = 1000, unit = "people", scope = "Europe", asOf = "2021-06-28" },
                     new { metric = "minor safety removals made proactively", value = 97.1, unit = "percent", scope = "worldwide", periodStart = "2020-07-01", periodEnd = "2020-12-31" },
                     new { metric = "reports to NCMEC", value = 22000, unit = "count", scope = "worldwide", periodStart = "2020-01-01", periodEnd = "2020-12-31" },
                 })
        {
            var body = System.Text.Json.JsonSerializer.SerializeToNode(figure)!.AsObject();
            body["organisationId"] = tiktok;
            body["sourceEngagementId"] = meeting.Id();
            await editor.CreateAsync("/api/figures", body);
        }

        // What has TikTok promised us, what is overdue, which forums is it in, how have its figures changed?
        var briefing = await (await editor.GetAsync($"/api/organisations/{tiktok}/briefing")).JsonAsync(HttpStatusCode.OK);
        Assert.That(briefing["openCommitments"]!.AsArray().Select(c => (string)c!["title"]!), Is.EquivalentTo(commitments.Keys));
        Assert.That(briefing["overdueCommitments"]!.AsArray().Select(c => (string)c!["title"]!),
            Is.EqualTo(new[] { "Present TikTok's activities at the next Senior Officials Meeting" }));
        Assert.That(briefing["memberships"]!.AsArray().Select(m => $"{m!["bodyName"]}:{m["status"]}"), Has.Member("EU Internet Forum:interested"));
        Assert.That(briefing["memberships"]!.AsArray(), Has.Count.EqualTo(6));
        var staff = briefing["latestFigures"]!.AsArray().Single(f => (string)f!["metric"]! == "trust and safety staff in Europe")!;
        Assert.That((decimal)staff["value"]!, Is.EqualTo(1000m));
        Assert.That(briefing["representatives"]!.AsArray().Select(r => (string)r!["title"]!),
            Is.EquivalentTo(new[] { "Director, Public Policy & Government Relations", "Head of Child Safety Europe" }));
        Assert.That(briefing["recentEngagements"]![0]!["keyPoints"]!.AsArray(), Has.Count.EqualTo(6));
        Assert.That(briefing["topTopics"]!.AsArray().Select(t => (string)t!["name"]!), Is.EquivalentTo(new[] { "Child safety", "Terrorist content online (TCO Regulation)" }));

        var promised = await editor.ListAsync("/api/commitments", $"organisationId={tiktok}&direction=theirs");
        Assert.That(promised, Has.Count.EqualTo(4));
        var overdue = await editor.ListAsync("/api/commitments", "overdue=true");
        Assert.That(overdue.Select(c => (string)c["title"]!), Is.EqualTo(new[] { "Present TikTok's activities at the next Senior Officials Meeting" }));
        var series = await (await editor.GetAsync($"/api/organisations/{tiktok}/figures?metric=trust%20and%20safety%20staff%20in%20Europe")).JsonAsync(HttpStatusCode.OK);
        Assert.That(series["series"]![0]!["points"]!.AsArray().Select(p => (decimal)p!["value"]!), Is.EqualTo(new[] { 20m, 1000m }));

        // November 2021: TikTok presents at the Senior Officials Meeting; that engagement is the evidence.
        var som = seed.Engagement();
        som["title"] = "EU Internet Forum Senior Officials Meeting";
        som["kind"] = "conference";
        som["startsAt"] = "2021-11-25T10:00:00+01:00";
        som["endsAt"] = null;
        som["participants"] = new JsonArray(new JsonObject { ["contactId"] = seed.Greer.Id(), ["role"] = "presenter" }, new JsonObject { ["contactId"] = seed.Maglione.Id() });
        som["keyPoints"] = new JsonArray(new JsonObject { ["section"] = "keyPoint", ["text"] = "TikTok presented its activities against terrorist content." });
        som["links"] = new JsonArray();
        var somMeeting = await editor.CreateAsync(SeedMeeting.Engagements, som);

        var presentation = commitments["Present TikTok's activities at the next Senior Officials Meeting"];
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/commitments/{presentation.Id()}/transitions")
        {
            Content = JsonContent.Create(new { to = "fulfilled", note = "Presented at the SOM.", evidence = new { engagementId = somMeeting.Id() } }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", OrganisationRequests.ETag(presentation));
        var fulfilled = await (await editor.SendAsync(request)).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)fulfilled["status"]!, Is.EqualTo("fulfilled"));
        Assert.That((string)fulfilled["history"]!.AsArray()[^1]!["evidence"]!["engagementId"]!, Is.EqualTo(somMeeting.Id()));
        Assert.That((string)fulfilled["history"]!.AsArray()[^1]!["actor"]!, Is.EqualTo("policy-unit"));
        Assert.That(await editor.ListAsync("/api/commitments", "overdue=true"), Is.Empty);

        var after = await (await editor.GetAsync($"/api/organisations/{tiktok}/briefing")).JsonAsync(HttpStatusCode.OK);
        Assert.That(after["openCommitments"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That((string)after["recentEngagements"]![0]!["title"]!, Is.EqualTo("EU Internet Forum Senior Officials Meeting"));

        // The timeline: newest first, every kind of entry, and paging gives each entry once.
        var entries = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await (await editor.GetAsync($"/api/organisations/{tiktok}/timeline?limit=4{(cursor is null ? "" : $"&cursor={cursor}")}")).JsonAsync(HttpStatusCode.OK);
            entries.AddRange(page["items"]!.AsArray().Select(e => e!.AsObject()));
            cursor = (string?)page["nextCursor"];
        } while (cursor is not null);
        Assert.That(entries.Select(e => DateTimeOffset.Parse((string)e["at"]!)), Is.Ordered.Descending);
        Assert.That(entries.Select(e => (string)e["entryId"]!), Is.Unique);
        Assert.That(entries.Select(e => (string)e["type"]!).Distinct(), Is.EquivalentTo(new[] { "engagement", "commitmentStatus", "membershipStatus", "figure" }));
        Assert.That(entries.Count(e => (string)e["type"]! == "engagement"), Is.EqualTo(2));
        Assert.That(entries.Count(e => (string)e["type"]! == "commitmentStatus"), Is.EqualTo(5), "four recorded, one fulfilled");
        var som2021 = entries.FindIndex(e => (string)e["entityId"]! == somMeeting.Id());
        var june2021 = entries.FindIndex(e => (string)e["entityId"]! == meeting.Id());
        Assert.That(som2021, Is.LessThan(june2021), "the November meeting comes before the June one");
    }
}
