using StakeholderCrm.Api.Infrastructure.Data;
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
        var meeting = await editor.CreateAsync(Routes.Engagements, seed.Engagement());
        var tiktok = seed.TikTok.Id();

        var bodies = new Dictionary<string, string>();
        foreach (var (name, kind) in new[]
                 {
                     ("EU Internet Forum", "forum"), ("Code of Conduct on countering illegal hate speech online", "codeOfConduct"),
                     ("EU Code of Practice on Disinformation", "codeOfPractice"), ("Tech Coalition", "alliance"), ("WeProtect Global Alliance", "alliance"),
                     ("Voluntary Principles to Counter Online Child Sexual Exploitation and Abuse", "principles"),
                 })
        {
            bodies[name] = (await editor.CreateAsync(Routes.Bodies,
                new NewBody(name, kind) { ConvenerId = name == "EU Internet Forum" ? seed.Home.Id() : null })).Id();
        }
        foreach (var (body, status) in new[]
                 {
                     ("Code of Conduct on countering illegal hate speech online", "signatory"), ("EU Code of Practice on Disinformation", "signatory"),
                     ("Tech Coalition", "member"), ("WeProtect Global Alliance", "member"),
                     ("Voluntary Principles to Counter Online Child Sexual Exploitation and Abuse", "signatory"), ("EU Internet Forum", "interested"),
                 })
        {
            await editor.CreateAsync(Routes.Memberships,
                new NewMembership(tiktok, bodies[body], status) { Since = "2021-06-28", SourceEngagementId = meeting.Id() });
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
            commitments[title] = await editor.CreateAsync(Routes.Commitments, new NewCommitment(title, tiktok)
            {
                Category = category, Status = status, DueDate = due, Direction = "theirs", MadeInEngagementId = meeting.Id(),
                CommittedById = seed.Greer.Id(), OwnerId = seed.Maglione.Id(),
                TargetEvent = due is null ? null : "Senior Officials Meeting, November 2021",
            });
        }

        NewFigure Figure(string metric, decimal value, string unit, string scope)
            => new(tiktok, metric, value, unit) { Scope = scope, SourceEngagementId = meeting.Id() };
        foreach (var figure in new[]
                 {
                     Figure("users in Europe", 100_000_000, "count", "Europe") with { AsOf = "2021-06-28" },
                     Figure("trust and safety staff in Europe", 20, "people", "Europe") with { PeriodStart = "2020-01-01", PeriodEnd = "2020-12-31" },
                     Figure("trust and safety staff in Europe", 1000, "people", "Europe") with { AsOf = "2021-06-28" },
                     Figure("minor safety removals made proactively", 97.1m, "percent", "worldwide") with { PeriodStart = "2020-07-01",
                         PeriodEnd = "2020-12-31" },
                     Figure("reports to NCMEC", 22000, "count", "worldwide") with { PeriodStart = "2020-01-01", PeriodEnd = "2020-12-31" },
                 })
        {
            await editor.CreateAsync(Routes.Figures, figure);
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
        Assert.That(briefing["topTopics"]!.AsArray().Select(t => (string)t!["name"]!),
            Is.EquivalentTo(new[] { "Child safety", "Terrorist content online (TCO Regulation)" }));

        var promised = await editor.ListAsync(Routes.Commitments, $"organisationId={tiktok}&direction=theirs");
        Assert.That(promised, Has.Count.EqualTo(4));
        var overdue = await editor.ListAsync(Routes.Commitments, "overdue=true");
        Assert.That(overdue.Select(c => (string)c["title"]!), Is.EqualTo(new[] { "Present TikTok's activities at the next Senior Officials Meeting" }));
        var series = await (await editor.GetAsync($"/api/organisations/{tiktok}/figures?metric=trust%20and%20safety%20staff%20in%20Europe"))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(series["series"]![0]!["points"]!.AsArray().Select(p => (decimal)p!["value"]!), Is.EqualTo(new[] { 20m, 1000m }));

        // The call must be published: Monika Maglione was a cabinet member (2014 rules) and TikTok an interest representative.
        var recorded = await editor.ReadAsync(Routes.Engagements, meeting.Id());
        var publication = recorded["publication"]!;
        Assert.That(((bool)publication["required"]!, (string)publication["deadline"]!, (string)publication["status"]!),
            Is.EqualTo((true, "2021-07-12", "overdue")));
        Assert.That(publication["reasons"]!.AsArray().Select(r => (string)r!),
            Has.Some.EqualTo("Monika Maglione was a cabinet member on 28 June 2021, covered by Decisions 2014/838 and 2014/839."));
        var toPublish = await editor.ListAsync(Routes.Publications, "status=overdue");
        Assert.That(toPublish.Select(p => (string)p["engagementId"]!), Is.EqualTo(new[] { meeting.Id() }));
        var csv = await editor.GetStringAsync($"{Routes.Publications}/export.csv?status=overdue");
        var lines = csv.TrimEnd().Split("\r\n");
        Assert.That(lines[0], Is.EqualTo("Name of cabinet,Name of DG - acronym,Name of DG - full name,Name of EC representative,"
            + "Title of EC representative,Date of meeting,Location,Transparency register ID,Name of interest representative,Subject of the meeting,Minutes"));
        Assert.That(lines[1], Does.StartWith($"{seed.Cabinet["name"]},,,Monika Maglione,Member of Cabinet,2021-06-28,Videoconference,"
            + $"{SeedMeeting.DemoRegisterId},TikTok Technology Ltd,"));
        var published = await (await editor.PublishAsync(recorded, new { publishedOn = "2021-07-09", url = "https://ec.europa.eu/meetings/1" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That((string)published["publication"]!["status"]!, Is.EqualTo("published"));
        Assert.That(await editor.ListAsync(Routes.Publications, "status=overdue"), Is.Empty);

        // November 2021: TikTok presents at the Senior Officials Meeting; that engagement is the evidence.
        var somMeeting = await editor.CreateAsync(Routes.Engagements, seed.Engagement() with
        {
            Title = "EU Internet Forum Senior Officials Meeting",
            Kind = "conference",
            StartsAt = "2021-11-25T10:00:00+01:00",
            EndsAt = null,
            Participants = [new NewParticipant(seed.Greer.Id()) { Role = "presenter" }, new NewParticipant(seed.Maglione.Id())],
            KeyPoints = [new("keyPoint", "TikTok presented its activities against terrorist content.")],
            Links = [],
        });

        var presentation = commitments["Present TikTok's activities at the next Senior Officials Meeting"];
        var fulfilled = await (await editor.TransitionAsync(Routes.Commitments, presentation,
            new Transition("fulfilled") { Note = "Presented at the SOM.", Evidence = new EvidenceBody { EngagementId = somMeeting.Id() } }))
                .JsonAsync(HttpStatusCode.OK);
        Assert.That((string)fulfilled["status"]!, Is.EqualTo("fulfilled"));
        Assert.That((string)fulfilled["history"]!.AsArray()[^1]!["evidence"]!["engagementId"]!, Is.EqualTo(somMeeting.Id()));
        Assert.That((string)fulfilled["history"]!.AsArray()[^1]!["actor"]!, Is.EqualTo("policy-unit"));
        Assert.That(await editor.ListAsync(Routes.Commitments, "overdue=true"), Is.Empty);
        Assert.That((string)somMeeting["publication"]!["status"]!, Is.EqualTo("notRequired"), "a conference is not a meeting to publish");

        var after = await (await editor.GetAsync($"/api/organisations/{tiktok}/briefing")).JsonAsync(HttpStatusCode.OK);
        Assert.That(after["openCommitments"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That((string)after["recentEngagements"]![0]!["title"]!, Is.EqualTo("EU Internet Forum Senior Officials Meeting"));

        // The timeline: newest first, every kind of entry, and paging gives each entry once.
        var entries = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await (await editor.GetAsync($"/api/organisations/{tiktok}/timeline?limit=4{(cursor is null ? "" : $"&cursor={cursor}")}"))
                .JsonAsync(HttpStatusCode.OK);
            entries.AddRange(page["items"]!.AsArray().Select(e => e!.AsObject()));
            cursor = (string?)page["nextCursor"];
        } while (cursor is not null);
        Assert.That(entries.Select(e => DateTimeOffset.Parse((string)e["at"]!)), Is.Ordered.Descending);
        Assert.That(entries.Select(e => (string)e["entryId"]!), Is.Unique);
        Assert.That(entries.Select(e => (string)e["type"]!).Distinct(),
            Is.EquivalentTo(new[] { "engagement", "commitmentStatus", "membershipStatus", "figure" }));
        Assert.That(entries.Count(e => (string)e["type"]! == "engagement"), Is.EqualTo(2));
        Assert.That(entries.Count(e => (string)e["type"]! == "commitmentStatus"), Is.EqualTo(5), "four recorded, one fulfilled");
        var som2021 = entries.FindIndex(e => (string)e["entityId"]! == somMeeting.Id());
        var june2021 = entries.FindIndex(e => (string)e["entityId"]! == meeting.Id());
        Assert.That(som2021, Is.LessThan(june2021), "the November meeting comes before the June one");
    }
}
