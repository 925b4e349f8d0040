using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.DataProtection;

public sealed class RestrictionTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string ExternalSystem = "ares-directory";

    private static string Route(string contactId) => $"{Routes.Contacts}/{contactId}/restriction";

    [Test]
    public async Task A_restricted_person_is_missing_from_every_read_path_for_a_reader_and_there_for_an_admin()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var greer = await Admin.CreateAsync(Routes.Contacts, new NewContact("Caroline Greer-Restricted")
        {
            Email = "greer@example.org",
            Positions = [new NewPosition(seed.TikTok.Id()) { Title = "Director, Public Policy", From = "2020-01-01" }],
            ExternalIds = [new ExternalIdBody(ExternalSystem, "G-1")],
        });
        var id = greer.Id();
        await RestrictAsync(greer, "The person contests the accuracy of their data.");
        var reader = await ClientWithRoleAsync("reader");
        var editor = await ClientWithRoleAsync("editor");

        foreach (var client in new[] { reader, editor })
        {
            Assert.That(await PathsNamingAsync(client, seed, id), Is.Empty);
            await (await client.GetAsync($"{Routes.Contacts}/{id}")).ProblemAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"{Routes.Contacts}/{id}/history")).ProblemAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"{Routes.Contacts}/by-external-id/{ExternalSystem}/G-1")).ProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.That(await PathsNamingAsync(Admin, seed, id),
            Is.EquivalentTo(new[] { "list", "list by name", "list by organisation", "export", "search", "briefing", "changes" }));
        var read = await (await Admin.GetAsync($"{Routes.Contacts}/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)read["restricted"]!, Is.True);
        Assert.That((await Admin.GetAsync($"{Routes.Contacts}/{id}/history")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_restricted_person_is_not_named_by_any_engagement_read_for_a_reader_but_the_participation_stays()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var engagement = await Admin.CreateAsync(Routes.Engagements, seed.Engagement());
        await Admin.PatchAsync(Routes.Engagements, engagement, """{"summary": "Follow-up agreed with Monika Maglione."}""");
        await RestrictAsync(seed.Maglione, "Objection pending."); // participant (chair) and recipient
        await RestrictAsync(seed.Muschel, "Objection pending."); // author and copied
        var reader = await ClientWithRoleAsync("reader");
        var id = engagement.Id();
        string[] paths =
        [
            $"{Routes.Engagements}/{id}", $"{Routes.Organisations}/{seed.TikTok.Id()}/briefing",
            Routes.Publications, $"{Routes.Publications}/export.csv", $"{Routes.Publications}/export.json", $"{Routes.Engagements}/{id}/report",
            $"{Routes.Engagements}/{id}/history", "/api/changes?entityType=engagement",
        ];

        foreach (var path in paths)
        {
            var response = await reader.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(text, Does.Not.Contain("Maglione").And.Not.Contain("Muschel").And.Not.Contain("Member of Cabinet"), path);
            Assert.That(await (await Admin.GetAsync(path)).Content.ReadAsStringAsync(), Does.Contain("Maglione"), path);
        }
        var read = await (await reader.GetAsync($"{Routes.Engagements}/{id}")).JsonAsync(HttpStatusCode.OK);
        var chair = read["participants"]!.AsArray().Single(p => (string)p!["contactId"]! == seed.Maglione.Id())!;
        Assert.That(((string)chair["fullName"]!, (string)chair["role"]!, (string)chair["function"]!), Is.EqualTo(("Restricted person", "chair", "cabinetMember")));
        Assert.That((string)read["author"]!["fullName"]!, Is.EqualTo("Restricted person"));
        Assert.That((string)read["summary"]!, Is.EqualTo("Follow-up agreed with Restricted person."));
        Assert.That((bool)read["publication"]!["required"]!, Is.True, "the covered function still makes the meeting one to publish");
    }

    [Test]
    public async Task An_editor_s_edit_never_writes_the_mask_over_a_name_they_were_not_shown()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var engagement = await Admin.CreateAsync(Routes.Engagements, seed.Engagement() with
        {
            Title = "Call with Caroline Greer",
            KeyPoints = [new("keyPoint", "Caroline Greer will send data.")],
        });
        await RestrictAsync(seed.Greer, "Objection pending.");
        var editor = await ClientWithRoleAsync("editor");
        var read = await (await editor.GetAsync($"{Routes.Engagements}/{engagement.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)read["title"]!, Is.EqualTo("Call with Restricted person"));

        var keyPoints = read["keyPoints"]!.DeepClone().AsArray();
        keyPoints.Add(new JsonObject { ["section"] = "detail", ["text"] = "A second call is planned." });
        var patch = new JsonObject { ["summary"] = "Agreed.", ["keyPoints"] = keyPoints, ["title"] = (string)read["title"]! };
        await (await editor.PatchAsync(Routes.Engagements, read, patch.ToJsonString())).JsonAsync(HttpStatusCode.OK);

        var stored = await (await Admin.GetAsync($"{Routes.Engagements}/{engagement.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)stored["title"]!, Is.EqualTo("Call with Caroline Greer"));
        Assert.That(stored["keyPoints"]!.AsArray().Select(k => (string)k!["text"]!),
            Is.EqualTo(new[] { "Caroline Greer will send data.", "A second call is planned." }));
        Assert.That((string)stored["summary"]!, Is.EqualTo("Agreed."));
    }

    [Test]
    public async Task The_release_copy_withholds_a_restricted_person_whoever_asks_and_reads_the_same_for_both()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var engagement = await Admin.CreateAsync(Routes.Engagements, seed.Engagement() with
        {
            KeyPoints = [new("keyPoint", "Ms Maglione and each person present agreed.")],
        });
        var route = $"{Routes.Engagements}/{engagement.Id()}/report?release=public";
        Assert.That(await (await Admin.GetAsync(route)).Content.ReadAsStringAsync(), Does.Contain("Maglione"), "a cabinet member is kept");
        await RestrictAsync(seed.Maglione, "Objection pending.");

        var byAdmin = await (await Admin.GetAsync(route)).Content.ReadAsStringAsync();
        var byReader = await (await (await ClientWithRoleAsync("reader")).GetAsync(route)).Content.ReadAsStringAsync();

        Assert.That(byReader, Is.EqualTo(byAdmin));
        Assert.That(byAdmin, Does.Not.Contain("Maglione").And.Not.Contain("Restricted").And.Contain("each person present"));
    }

    [Test]
    public async Task Lists_search_the_briefing_and_the_timeline_do_not_name_a_restricted_person_in_titles()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        await Admin.CreateAsync(Routes.Engagements, seed.Engagement() with { Title = "Lunch with GREER Caroline" });
        await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Ms Greer to send statistics", seed.TikTok.Id()) { Category = "dataSharing" });
        await RestrictAsync(seed.Greer, "Objection pending.");
        var reader = await ClientWithRoleAsync("reader");
        string[] paths =
        [
            Routes.Engagements, "/api/search?q=lunch", "/api/search?q=statistics", $"{Routes.Organisations}/{seed.TikTok.Id()}/briefing",
            $"{Routes.Organisations}/{seed.TikTok.Id()}/timeline",
        ];

        foreach (var path in paths)
        {
            var text = await (await reader.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.That(text, Does.Contain("Restricted person").And.Not.Contain("Greer").And.Not.Contain("GREER"), path);
            Assert.That(await (await Admin.GetAsync(path)).Content.ReadAsStringAsync(), Does.Contain("Greer").IgnoreCase, path);
        }
    }

    [Test]
    public async Task A_restricted_person_named_only_in_text_is_masked_by_every_read_of_engagements_and_commitments()
    {
        // Found by review: a read by id masked only the people who took part, and commitment reads masked nothing.
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var novak = await Admin.CreateAsync(Routes.Contacts, new NewContact("Petra Novak"));
        var muller = await Admin.CreateAsync(Routes.Contacts, new NewContact("Zoë Müller"));
        var engagement = await Admin.CreateAsync(Routes.Engagements, seed.Engagement() with { Title = "Dinner with Petra Novak" });
        var commitment = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Share hashes", seed.TikTok.Id())
        {
            Category = "dataSharing", Description = "Ms Novak to send the hash list to Zoë Müller.",
        });
        await RestrictAsync(novak, "Objection pending.");
        await RestrictAsync(muller, "Objection pending.");
        var editor = await ClientWithRoleAsync("editor");
        string[] paths =
        [
            $"{Routes.Engagements}/{engagement.Id()}", $"{Routes.Engagements}/export.csv", $"{Routes.Engagements}/{engagement.Id()}/report",
            $"{Routes.Commitments}/{commitment.Id()}", Routes.Commitments, $"{Routes.Commitments}/export.csv",
            $"{Routes.Commitments}/{commitment.Id()}/history", "/api/changes?entityType=commitment",
        ];

        foreach (var path in paths)
        {
            var text = await (await editor.GetAsync(path)).Content.ReadAsStringAsync();
            // "ller": Müller in JSON is M\u00FCller.
            Assert.That(text, Does.Contain("Restricted person").And.Not.Contain("Novak").And.Not.Contain("ller"), path);
            Assert.That(await (await Admin.GetAsync(path)).Content.ReadAsStringAsync(), Does.Contain("Novak"), path);
        }

        var read = await (await editor.GetAsync($"{Routes.Commitments}/{commitment.Id()}")).JsonAsync(HttpStatusCode.OK);
        var patch = new JsonObject { ["title"] = "Share the hashes", ["description"] = (string)read["description"]! };
        await (await editor.PatchAsync(Routes.Commitments, read, patch.ToJsonString())).JsonAsync(HttpStatusCode.OK);
        var stored = await Admin.ReadAsync(Routes.Commitments, commitment.Id());
        Assert.That(((string)stored["title"]!, (string)stored["description"]!), Is.EqualTo(("Share the hashes", "Ms Novak to send the hash list to Zoë Müller.")),
            "text read masked and sent back keeps its stored words");
    }

    [Test]
    public async Task A_replayed_answer_does_not_name_a_person_restricted_since()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var editor = await ClientWithRoleAsync("editor");
        HttpRequestMessage Create()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Routes.Engagements) { Content = RequestBody.Content(seed.Engagement()) };
            request.Headers.Add("Idempotency-Key", "restricted-replay");
            return request;
        }
        var first = await (await editor.SendAsync(Create())).Content.ReadAsStringAsync();
        Assert.That(first, Does.Contain("Caroline Greer"));
        await RestrictAsync(seed.Greer, "Objection pending.");

        var replay = await editor.SendAsync(Create());

        Assert.That(replay.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That(await replay.Content.ReadAsStringAsync(), Does.Not.Contain("Greer").And.Contain("Restricted person"));
    }

    [Test]
    public async Task An_editor_keeps_a_restricted_participant_on_an_update_but_cannot_name_them_anew()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var engagement = await Admin.CreateAsync(Routes.Engagements, seed.Engagement());
        await RestrictAsync(seed.Greer, "Objection pending.");
        var editor = await ClientWithRoleAsync("editor");

        var read = await (await editor.GetAsync($"{Routes.Engagements}/{engagement.Id()}")).JsonAsync(HttpStatusCode.OK);
        var participants = new JsonArray(read["participants"]!.AsArray()
            .Select(p => (JsonNode)new JsonObject { ["contactId"] = (string)p!["contactId"]!, ["role"] = (string?)p["role"] }).ToArray());
        var patch = new JsonObject { ["summary"] = "Agreed.", ["participants"] = participants };
        var updated = await (await editor.PatchAsync(Routes.Engagements, read, patch.ToJsonString())).JsonAsync(HttpStatusCode.OK);
        Assert.That(updated["participants"]!.AsArray().Select(p => (string)p!["fullName"]!), Does.Contain("Restricted person"));
        var stored = await (await Admin.GetAsync($"{Routes.Engagements}/{engagement.Id()}")).JsonAsync(HttpStatusCode.OK);
        Assert.That(stored["participants"]!.AsArray().Select(p => (string)p!["fullName"]!), Does.Contain("Caroline Greer"));
        Assert.That((string)stored["summary"]!, Is.EqualTo("Agreed."));

        await (await editor.PostAsync(Routes.Engagements, seed.Engagement())).FieldErrorAsync("participants[1].contactId");
        await (await editor.PatchAsync(Routes.Contacts, seed.Greer, """{"email": "g@example.org"}""")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await Admin.PostAsync(Routes.Engagements, seed.Engagement())).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task The_erasure_of_a_restricted_contact_reaches_a_reader_s_change_feed_under_its_pseudonym_only()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var restricted = await RestrictAsync(seed.Greer, "Objection pending.");
        var erasure = await Admin.SendAsync(HttpMethod.Post, $"{Routes.Contacts}/{restricted.Id()}/erasure", Requests.ETag(restricted),
            JsonContent.Create(new { reason = "Request of the data subject" }));
        Assert.That(erasure.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var feed = await (await (await ClientWithRoleAsync("reader")).GetAsync("/api/changes?entityType=contact&limit=1000")).JsonAsync(HttpStatusCode.OK);
        var about = feed["items"]!.AsArray().Where(c => (string)c!["entityId"]! == restricted.Id()).ToList();
        Assert.That(about.Select(c => (string)c!["operation"]!), Is.EqualTo(new[] { "erased" }));
        Assert.That(about[0]!["data"]!.ToJsonString(), Does.Contain("Erased person").And.Not.Contain("Greer"));
    }

    [Test]
    public async Task A_restricted_contact_cannot_be_changed_until_the_restriction_is_lifted()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var restricted = await RestrictAsync(seed.Greer, "Objection pending.");

        var patch = await Admin.PatchAsync(Routes.Contacts, restricted, """{"email": "greer@example.org"}""");
        Assert.That((string)(await patch.ProblemAsync(HttpStatusCode.Conflict))["detail"]!, Does.Contain("restricted"));
        await (await Admin.ArchiveAsync(Routes.Contacts, restricted)).ProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.SendAsync(HttpMethod.Post, Route(restricted.Id()), Requests.ETag(restricted), JsonContent.Create(new { reason = "Again." }))).ProblemAsync(HttpStatusCode.Conflict);

        var lifted = await (await Admin.SendAsync(HttpMethod.Delete, Route(restricted.Id()), Requests.ETag(restricted))).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)lifted["restricted"]!, Is.False);
        Assert.That((await Admin.PatchAsync(Routes.Contacts, lifted, """{"email": "greer@example.org"}""")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await (await ClientWithRoleAsync("reader")).GetAsync($"{Routes.Contacts}/{restricted.Id()}")).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Restricting_and_lifting_are_logged_with_who_when_and_why()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var restricted = await RestrictAsync(seed.Evans, "Unlawful processing claimed; erasure refused by the person.");
        await (await Admin.SendAsync(HttpMethod.Delete, Route(restricted.Id()), Requests.ETag(restricted))).JsonAsync(HttpStatusCode.OK);

        var log = await (await Admin.GetAsync($"{Routes.Contacts}/{seed.Evans.Id()}/personal-data")).JsonAsync(HttpStatusCode.OK);

        var requests = log["requests"]!.AsArray().Where(r => (string)r!["kind"]! == "restriction").Select(r => (string)r!["reason"]!).ToList();
        Assert.That(requests, Is.EqualTo(new[] { "Restricted: Unlawful processing claimed; erasure refused by the person.", "Restriction lifted" }));
        Assert.That(await TestDatabase.CountAsync(Host,
            "SELECT COUNT(*) FROM personal_data_requests WHERE kind = 'restriction' AND requested_by = 'bootstrap-admin'"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_reason_of_the_longest_length_is_logged_whole()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var reason = new string('r', 999) + "."; // 1000 characters, logged after "Restricted: "

        await RestrictAsync(seed.Evans, reason);

        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM personal_data_requests WHERE reason = @Reason",
            new { Reason = "Restricted: " + reason }), Is.EqualTo(1));
    }

    [Test]
    public async Task Only_admins_restrict_or_lift_and_a_reason_and_if_match_are_required()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var editor = await ClientWithRoleAsync("editor");

        await (await editor.SendAsync(HttpMethod.Post, Route(seed.Greer.Id()), Requests.ETag(seed.Greer), JsonContent.Create(new { reason = "Asked." }))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await editor.SendAsync(HttpMethod.Delete, Route(seed.Greer.Id()), Requests.ETag(seed.Greer))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await Admin.SendAsync(HttpMethod.Post, Route(seed.Greer.Id()), Requests.ETag(seed.Greer), JsonContent.Create(new { reason = " " }))).FieldErrorAsync("reason");
        await (await Admin.SendAsync(HttpMethod.Post, Route(seed.Greer.Id()), null, JsonContent.Create(new { reason = "Asked." })))
            .ProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await Admin.SendAsync(HttpMethod.Post, Route(Guid.NewGuid().ToString()), Requests.ETag(seed.Greer), JsonContent.Create(new { reason = "Asked." })))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.SendAsync(HttpMethod.Delete, Route(seed.Greer.Id()), Requests.ETag(seed.Greer))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM personal_data_requests"), Is.Zero);
    }

    private async Task<JsonObject> RestrictAsync(JsonObject contact, string reason)
    {
        var restricted = await (await Admin.SendAsync(HttpMethod.Post, Route(contact.Id()), Requests.ETag(contact), JsonContent.Create(new { reason }))).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)restricted["restricted"]!, Is.True);
        return restricted;
    }

    /// <summary>The read paths that list, find or export people, by name, where the contact appears.</summary>
    private static async Task<List<string>> PathsNamingAsync(HttpClient client, SeedMeeting seed, string id)
    {
        var found = new List<string>();
        async Task Check(string path, string uri)
        {
            var response = await client.GetAsync(uri);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), uri);
            if ((await response.Content.ReadAsStringAsync()).Contains(id, StringComparison.OrdinalIgnoreCase)) found.Add(path);
        }
        await Check("list", $"{Routes.Contacts}?limit=200&includeArchived=true");
        await Check("list by name", $"{Routes.Contacts}?q=Restricted");
        await Check("list by organisation", $"{Routes.Contacts}?organisationId={seed.TikTok.Id()}&anyTime=true");
        await Check("export", $"{Routes.Contacts}/export.csv");
        await Check("search", "/api/search?q=Greer");
        await Check("briefing", $"{Routes.Organisations}/{seed.TikTok.Id()}/briefing");
        await Check("changes", "/api/changes?entityType=contact&limit=1000");
        return found;
    }
}
