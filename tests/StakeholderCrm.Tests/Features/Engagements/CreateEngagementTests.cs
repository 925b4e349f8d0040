using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Engagements;

public sealed class CreateEngagementTests(DatabaseProvider provider) : ApiTest(provider)
{
    private SeedMeeting seed = null!;

    [SetUp]
    public async Task RecordPeople() => seed = await SeedMeeting.RecordPeopleAsync(Admin);

    [Test]
    public async Task Records_the_seed_meeting_with_both_sides_titles_key_points_links_author_and_distribution()
    {
        var response = await Admin.PostAsync(Routes.Engagements, seed.Engagement());
        var meeting = await response.JsonAsync(HttpStatusCode.Created);
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"{Routes.Engagements}/{meeting.Id()}"));

        var participants = meeting["participants"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.That(participants.Select(p => (string)p["fullName"]!), Is.EqualTo(new[] { "Monika Maglione", "Caroline Greer", "Alexandra Evans" }));
        Assert.That(participants.Select(p => (string)p["side"]!), Is.EqualTo(new[] { "internal", "external", "external" }));
        Assert.That(participants.Select(p => (string?)p["title"]),
            Is.EqualTo(new[] { "Member of Cabinet", "Director, Public Policy & Government Relations", "Head of Child Safety Europe" }));
        Assert.That(participants.Select(p => (string?)p["function"]), Is.EqualTo(new[] { "cabinetMember", null, null }));
        Assert.That(participants.Select(p => (string?)p["organisationName"]),
            Is.EqualTo(new[] { "Cabinet of Commissioner Johansson", "TikTok Technology Ltd", "TikTok Technology Ltd" }));
        Assert.That(participants.All(p => (bool)p["attended"]!), Is.True, "a held meeting's participants attended by default");
        Assert.That((string)participants[0]["role"]!, Is.EqualTo("chair"));

        var keyPoints = meeting["keyPoints"]!.AsArray();
        Assert.That(keyPoints.Select(k => (string)k!["section"]!), Is.EqualTo(new[] { "keyPoint", "keyPoint", "keyPoint", "keyPoint", "detail", "detail" }));
        Assert.That((string)keyPoints[1]!["text"]!, Does.Contain("Transparency Centre in Dublin"));
        Assert.That(meeting["links"]!.AsArray().Select(l => (string)l!["title"]!),
            Is.EqualTo(new[] { "Recommender systems", "Hateful ideologies", "The European Transparency Centre" }));
        Assert.That((string)meeting["author"]!["fullName"]!, Is.EqualTo("Laurent Muschel"));
        Assert.That(meeting["distribution"]!.AsArray().Select(d => $"{d!["kind"]}:{d["fullName"]}"),
            Is.EqualTo(new[] { "to:Johannes Luchner", "to:Monika Maglione", "to:Olivier Onidi", "to:Monique Pariat", "cc:Laurent Muschel" }));
        Assert.That(meeting["organisations"]!.AsArray().Select(o => (string)o!["name"]!), Is.EqualTo(new[] { "TikTok Technology Ltd" }));
        Assert.That(meeting["topics"]!.AsArray().Select(t => (string)t!["name"]!),
            Is.EqualTo(new[] { "Child safety", "Terrorist content online (TCO Regulation)" }));
        Assert.That((string)meeting["startsAt"]!, Does.StartWith("2021-06-28T08:00:00"));

        Assert.That(JsonNode.DeepEquals(await Admin.ReadAsync(Routes.Engagements, meeting.Id()), meeting), Is.True);
    }

    [TestCase("9999-12-30T10:00:00Z", "startsAt")]
    [TestCase("1899-12-31T10:00:00Z", "startsAt")]
    public async Task A_date_far_from_ours_is_a_400_naming_it(string startsAt, string field)
    {
        var response = await Admin.PostAsync(Routes.Engagements, seed.Engagement() with { Status = "planned", StartsAt = startsAt, EndsAt = null });

        Assert.That(await response.FieldErrorAsync(field), Does.Contain("1900 to 2200"));
    }

    [Test]
    public async Task A_planned_meeting_defaults_to_nobody_attended_and_internal_confidentiality()
    {
        var meeting = await Admin.CreateAsync(Routes.Engagements, seed.Engagement() with
        {
            Status = "planned",
            StartsAt = DateTimeOffset.UtcNow.AddDays(14).ToString("O"),
            EndsAt = null,
            Confidentiality = null,
        });
        Assert.That(meeting["participants"]!.AsArray().Select(p => (bool)p!["attended"]!), Is.All.False);
        Assert.That((string)meeting["confidentiality"]!, Is.EqualTo("internal"));
    }

    [TestCase("endsAt", "\"2021-06-28T09:00:00+02:00\"", "endsAt")]
    [TestCase("title", "\"\"", "title")]
    [TestCase("kind", "\"lunch\"", "kind")]
    [TestCase("startsAt", "\"28/06/2021\"", "startsAt")]
    [TestCase("organisationIds", "[]", "organisationIds")]
    [TestCase("organisationIds", "[\"00000000-0000-0000-0000-000000000001\"]", "organisationIds[0]")]
    [TestCase("topicIds", "[\"00000000-0000-0000-0000-000000000001\"]", "topicIds[0]")]
    [TestCase("authorId", "\"00000000-0000-0000-0000-000000000001\"", "authorId")]
    [TestCase("links", "[{\"url\": \"newsroom.tiktok.com\"}]", "links[0].url")]
    [TestCase("keyPoints", "[{\"text\": \"x\"}]", "keyPoints[0].section")]
    [TestCase("keyPoints", "[{\"text\": \"x\", \"section\": \"aside\"}]", "keyPoints[0].section")]
    [TestCase("distribution", "[{\"contactId\": \"00000000-0000-0000-0000-000000000001\", \"kind\": \"to\"}]", "distribution[0].contactId")]
    [TestCase("distribution", "[{\"contactId\": \"00000000-0000-0000-0000-000000000001\", \"kind\": \"bcc\"}]", "distribution[0].kind")]
    [TestCase("confidentiality", "\"secret\"", "confidentiality")]
    public async Task Rejects_an_invalid_field_naming_its_path(string field, string json, string path)
    {
        var body = seed.EngagementJson();
        body[field] = JsonNode.Parse(json);
        await (await Admin.PostAsync(Routes.Engagements, body)).FieldErrorAsync(path);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM engagements"), Is.Zero);
    }

    [Test]
    public async Task An_unknown_participant_is_named_by_its_index()
    {
        var body = seed.Engagement();
        body = body with { Participants = [.. body.Participants!, new NewParticipant(Guid.NewGuid().ToString()) { Side = "external" }] };
        await (await Admin.PostAsync(Routes.Engagements, body)).FieldErrorAsync("participants[3].contactId");
    }

    [Test]
    public async Task A_participant_on_the_wrong_side_is_refused()
    {
        var body = seed.Engagement();
        body = body with { Participants = [body.Participants![0], body.Participants[1] with { Side = "internal" }, body.Participants[2]] };
        var message = await (await Admin.PostAsync(Routes.Engagements, body)).FieldErrorAsync("participants[1].side");
        Assert.That(message, Does.Contain("external"));
    }

    [Test]
    public async Task A_held_meeting_cannot_start_in_the_future_and_a_planned_one_has_no_attendees()
    {
        var future = seed.Engagement() with { StartsAt = DateTimeOffset.UtcNow.AddDays(1).ToString("O"), EndsAt = null };
        await (await Admin.PostAsync(Routes.Engagements, future)).FieldErrorAsync("startsAt");

        var planned = seed.Engagement();
        planned = planned with { Status = "planned", Participants = [.. planned.Participants!.Take(2), planned.Participants![2] with { Attended = true }] };
        await (await Admin.PostAsync(Routes.Engagements, planned)).FieldErrorAsync("participants[2].attended");
    }

    [Test]
    public async Task Our_own_unit_is_not_an_organisation_met_and_lists_have_limits()
    {
        var own = seed.Engagement() with { OrganisationIds = [seed.TikTok.Id(), seed.Cabinet.Id()] };
        await (await Admin.PostAsync(Routes.Engagements, own)).FieldErrorAsync("organisationIds[1]");

        var twice = seed.Engagement();
        twice = twice with { Participants = [.. twice.Participants!, new NewParticipant(seed.Greer.Id())] };
        await (await Admin.PostAsync(Routes.Engagements, twice)).FieldErrorAsync("participants[3]");

        var tooMany = seed.Engagement() with { KeyPoints = [.. Enumerable.Range(0, 201).Select(i => new NewKeyPoint("detail", $"point {i}"))] };
        await (await Admin.PostAsync(Routes.Engagements, tooMany)).FieldErrorAsync("keyPoints");
    }

    [Test]
    public async Task Text_in_child_rows_reads_back_exactly_as_sent_whatever_its_characters()
    {
        const string tricky = "She said \"no\" \\ C:\\path\r\n\ttab \u0001\u001f\u007f \u2028 🙂 𝄞 東京 Österreich </script> & ' + {\"a\": null}";
        var texts = new[] { tricky, "123", "true", "null", "[1, 2]", " leading and trailing " };
        var body = seed.EngagementJson();
        body["keyPoints"] = new JsonArray(texts.Select(t => (JsonNode)new JsonObject { ["section"] = "detail", ["text"] = t }).ToArray());
        body["links"] = new JsonArray(
            new JsonObject { ["url"] = "https://example.org/a?b=%22c%22&d=\u00e9", ["title"] = tricky },
            new JsonObject { ["url"] = "https://example.org/untitled" });
        body["participants"]![0]!["role"] = "chair \"🙂\" \\ 東京";
        body["externalIds"] = new JsonArray(new JsonObject { ["system"] = "ares", ["id"] = tricky }, new JsonObject { ["system"] = "crm", ["id"] = "42" });

        var created = await Admin.CreateAsync(Routes.Engagements, body);

        Assert.That(created["keyPoints"]!.AsArray().Select(k => (string)k!["text"]!), Is.EqualTo(texts));
        Assert.That(created["links"]!.AsArray().Select(l => (string?)l!["title"]), Is.EqualTo(new[] { tricky, null }));
        Assert.That((string)created["links"]![0]!["url"]!, Is.EqualTo("https://example.org/a?b=%22c%22&d=\u00e9"));
        Assert.That((string)created["participants"]![0]!["role"]!, Is.EqualTo("chair \"🙂\" \\ 東京"));
        Assert.That(created["externalIds"]!.AsArray().Select(e => (string)e!["id"]!), Is.EqualTo(new[] { tricky, "42" }));
        Assert.That(JsonNode.DeepEquals(await Admin.ReadAsync(Routes.Engagements, created.Id()), created), Is.True);
        Assert.That((await Admin.ListAsync(Routes.Engagements, $"q={Uri.EscapeDataString("東京 osterreich")}")).Select(e => e.Id()),
            Is.EqualTo(new[] { created.Id() }), "the key points' words were indexed");
        var other = seed.EngagementJson();
        other["externalIds"] = new JsonArray(new JsonObject { ["system"] = "crm", ["id"] = "7" }, new JsonObject { ["system"] = "ares", ["id"] = tricky });
        var conflict = await (await Admin.PostAsync(Routes.Engagements, Requests.Json(other.ToJsonString()))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)conflict["conflictingId"]!, Is.EqualTo(created.Id()), "the second external id is the one another engagement has");
    }
}
