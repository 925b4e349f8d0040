using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.DataProtection;

public sealed class EraseContactTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Name = "Ottilie Vandersloot";
    private const string Email = "ottilie.vandersloot@example.org";
    private const string Phone = "+32 2 555 01 23";

    public static Task<HttpResponseMessage> EraseAsync(HttpClient client, JsonObject contact, object body, string? ifMatch = null)
        => client.SendAsync(HttpMethod.Post, $"{Routes.Contacts}/{contact.Id()}/erasure", ifMatch ?? Requests.ETag(contact), RequestBody.Content(body));

    private async Task<(JsonObject Organisation, JsonObject Person, JsonObject Engagement, JsonObject Commitment)> RecordPersonAsync(string? summary = null)
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var person = await Admin.CreateAsync(Routes.Contacts, new NewContact(Name)
        {
            Email = Email, Phone = Phone, Notes = "Prefers calls in the morning.",
            Positions = [new NewPosition(tiktok.Id()) { Title = "Head of Public Policy", From = "2020-01-01" }],
            ExternalIds = [new ExternalIdBody("hr", "ov-1")],
        });
        var colleague = await Admin.CreateAsync(Routes.Contacts, new NewContact("Caroline Greer"));
        var engagement = await Admin.CreateAsync(Routes.Engagements, new NewEngagement("Meeting with TikTok", "2021-06-28T10:00:00Z")
        {
            OrganisationIds = [tiktok.Id()],
            Participants = [new NewParticipant(person.Id()), new NewParticipant(colleague.Id()) { Side = "internal" }],
            Summary = summary,
            AuthorId = person.Id(),
        });
        var commitment = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Send the report", tiktok.Id())
        {
            Category = "report", CommittedById = person.Id(),
        });
        return (tiktok, person, engagement, commitment);
    }

    [Test]
    public async Task Erasure_pseudonymises_the_person_and_keeps_their_participation()
    {
        var (_, person, engagement, commitment) = await RecordPersonAsync();

        var erased = await (await EraseAsync(Admin, person, new { reason = "Request of the data subject" })).JsonAsync(HttpStatusCode.OK);

        var contact = erased["contact"]!.AsObject();
        var pseudonym = (string)contact["fullName"]!;
        Assert.That(pseudonym, Does.Match("^Erased person [0-9A-F]{8}$"));
        Assert.That(contact["email"], Is.Null);
        Assert.That(contact["phone"], Is.Null);
        Assert.That(contact["notes"], Is.Null);
        Assert.That(contact["externalIds"]!.AsArray(), Is.Empty);
        Assert.That((string)contact["positions"]![0]!["title"]!, Is.EqualTo("Head of Public Policy"), "the role stays a fact");
        Assert.That(erased["engagements"]!.AsArray().Select(e => (string)e!), Is.EqualTo(new[] { engagement.Id() }));
        Assert.That(erased["commitments"]!.AsArray().Select(c => (string)c!), Is.EqualTo(new[] { commitment.Id() }));

        var read = await Admin.ReadAsync(Routes.Engagements, engagement.Id());
        Assert.That((int)read["version"]!, Is.EqualTo((int)engagement["version"]! + 1));
        Assert.That((string)read["participants"]![0]!["fullName"]!, Is.EqualTo(pseudonym));
        Assert.That((string)read["participants"]![0]!["title"]!, Is.EqualTo("Head of Public Policy"));
        Assert.That((string)read["author"]!["fullName"]!, Is.EqualTo(pseudonym));
        Assert.That((int)(await Admin.ReadAsync(Routes.Commitments, commitment.Id()))["version"]!, Is.EqualTo((int)commitment["version"]! + 1));

        var feed = (await (await Admin.GetAsync("/api/changes?limit=100")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.That(feed.Any(c => (string)c!["entityId"]! == person.Id() && (string)c["operation"]! == "erased"), Is.True);
        Assert.That(feed.Count(c => (string)c!["entityId"]! == engagement.Id() && (string)c["operation"]! == "updated"), Is.EqualTo(1));
        Assert.That(feed.ToJsonString(), Does.Not.Contain("Vandersloot").And.Not.Contain(Email).And.Not.Contain("555 01 23"));

        Assert.That(await Admin.ListAsync(Routes.Contacts, "q=vandersloot"), Is.Empty);
        Assert.That((await Admin.ListAsync(Routes.Contacts, "q=erased")).Select(c => (string)c["fullName"]!), Is.EqualTo(new[] { pseudonym }));
        Assert.That((await Admin.GetAsync($"{Routes.Contacts}/by-external-id/hr/ov-1")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var logged = await TestDatabase.CountAsync(Host,
            "SELECT COUNT(*) FROM personal_data_requests WHERE contact_id = @Id AND kind = 'erasure' AND reason = 'Request of the data subject'",
            new { Id = Guid.Parse(person.Id()) });
        Assert.That(logged, Is.EqualTo(1));
    }

    [Test]
    public async Task Free_text_naming_the_person_is_listed_and_left_alone_unless_redaction_is_asked()
    {
        var (_, person, engagement, _) = await RecordPersonAsync($"{Name} presented the plan; write to {Email}.");

        var erased = await (await EraseAsync(Admin, person, new { reason = "Request" })).JsonAsync(HttpStatusCode.OK);

        Assert.That(erased["freeText"]!.ToJsonString(),
            Is.EqualTo($$"""[{"entityType":"engagement","id":"{{engagement.Id()}}","field":"summary"}]"""));
        Assert.That((string)(await Admin.ReadAsync(Routes.Engagements, engagement.Id()))["summary"]!, Does.Contain(Name));
    }

    [Test]
    public async Task Redaction_replaces_the_name_in_free_text_and_gives_the_record_a_new_version()
    {
        var (tiktok, person, engagement, _) = await RecordPersonAsync($"{Name} presented the plan; write to {Email}.");
        var other = await Admin.CreateAsync(Routes.Commitments, new NewCommitment($"Follow up with {Name}", tiktok.Id()) { Category = "other" });

        var erased = await (await EraseAsync(Admin, person, new { reason = "Request", redactFreeText = true })).JsonAsync(HttpStatusCode.OK);

        Assert.That(erased["freeText"]!.AsArray().Select(p => $"{p!["entityType"]}/{p["field"]}"),
            Is.EquivalentTo(new[] { "commitment/title", "engagement/summary" }));
        Assert.That((string)(await Admin.ReadAsync(Routes.Engagements, engagement.Id()))["summary"]!,
            Is.EqualTo("[erased] presented the plan; write to [erased]."));
        var redacted = await Admin.ReadAsync(Routes.Commitments, other.Id());
        Assert.That((string)redacted["title"]!, Is.EqualTo("Follow up with [erased]"));
        Assert.That((int)redacted["version"]!, Is.EqualTo((int)other["version"]! + 1));
        Assert.That(erased["commitments"]!.AsArray().Select(c => (string)c!), Does.Contain(other.Id()));
    }

    [Test]
    public async Task History_and_stored_answers_no_longer_hold_the_erased_values()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var create = new HttpRequestMessage(HttpMethod.Post, Routes.Contacts) { Content = RequestBody.Content(new NewContact("Zoë Ångström") { Email = Email }) };
        create.Headers.Add("Idempotency-Key", "erasure-test");
        var person = await (await Admin.SendAsync(create)).JsonAsync(HttpStatusCode.Created);
        await Admin.CreateAsync(Routes.Engagements, new NewEngagement("Call", "2021-06-28T10:00:00Z")
        {
            OrganisationIds = [tiktok.Id()], Participants = [new NewParticipant(person.Id()) { Side = "external" }],
        });

        await (await EraseAsync(Admin, person, new { reason = "Request" })).JsonAsync(HttpStatusCode.OK);

        var history = await (await Admin.GetAsync($"{Routes.Contacts}/{person.Id()}/history")).Content.ReadAsStringAsync();
        Assert.That(history, Does.Not.Contain("ngstr").And.Not.Contain(Email));
        var replay = new HttpRequestMessage(HttpMethod.Post, Routes.Contacts) { Content = RequestBody.Content(new NewContact("Zoë Ångström") { Email = Email }) };
        replay.Headers.Add("Idempotency-Key", "erasure-test");
        var replayed = await (await Admin.SendAsync(replay)).Content.ReadAsStringAsync();
        Assert.That(replayed, Does.Contain("Erased person").And.Not.Contain("ngstr").And.Not.Contain(Email));
        await using var connection = await Host.Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        var texts = string.Concat(await connection.QueryAsync<string>("SELECT data FROM changes UNION ALL SELECT body FROM idempotency_keys"));
        Assert.That(texts, Does.Not.Contain("\\u00C5ngstr").And.Not.Contain("Zo\\u00EB").And.Not.Contain("ottilie"));
    }

    [Test]
    public async Task An_admin_without_clearance_erases_the_person_from_sensitive_engagements_without_learning_of_them()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var person = await Admin.CreateAsync(Routes.Contacts, new NewContact(Name));
        var key = await (await Admin.PostAsync(Routes.ApiKeys, new NewApiKey("cleared-analyst", "editor") { Cleared = true })).JsonAsync(HttpStatusCode.Created);
        var cleared = Client((string)key["secret"]!);
        var sensitive = await cleared.CreateAsync(Routes.Engagements, new NewEngagement("Whistle-blower meeting", "2021-06-28T10:00:00Z")
        {
            OrganisationIds = [tiktok.Id()], Participants = [new NewParticipant(person.Id()) { Side = "external" }], Confidentiality = "sensitive",
            Summary = $"{Name} came alone.",
        });

        var admin = await ClientWithRoleAsync("admin");
        var erased = await (await EraseAsync(admin, person, new { reason = "Request", redactFreeText = true })).JsonAsync(HttpStatusCode.OK);

        Assert.That(erased["engagements"]!.AsArray(), Is.Empty);
        Assert.That(erased["freeText"]!.AsArray(), Is.Empty);
        var read = await cleared.ReadAsync(Routes.Engagements, sensitive.Id());
        Assert.That((string)read["participants"]![0]!["fullName"]!, Does.StartWith("Erased person "));
        Assert.That((string)read["summary"]!, Is.EqualTo("[erased] came alone."));
    }

    [Test]
    public async Task A_short_phone_or_a_name_inside_other_words_leaves_history_readable_and_other_words_whole()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var person = await Admin.CreateAsync(Routes.Contacts, new NewContact("Li") { Phone = "2021" });
        var engagement = await Admin.CreateAsync(Routes.Engagements, new NewEngagement("Visit to Lisbon in 2021", "2021-06-28T10:00:00Z")
        {
            Kind = "workshop", OrganisationIds = [tiktok.Id()], Participants = [new NewParticipant(person.Id()) { Side = "external" }],
        });

        await (await EraseAsync(Admin, person, new { reason = "Request" })).JsonAsync(HttpStatusCode.OK);

        var history = await (await Admin.GetAsync($"{Routes.Engagements}/{engagement.Id()}/history")).JsonAsync(HttpStatusCode.OK);
        var first = history["items"]!.AsArray()[0]!;
        Assert.That((string)first["after"]!["startsAt"]!, Does.StartWith("2021-06-28"), "times in history are whole");
        Assert.That(history.ToJsonString(), Does.Contain("Visit to Lisbon in 2021").And.Not.Contain("\"fullName\":\"Li\""));
    }

    [Test]
    public async Task Refuses_a_second_erasure_a_stale_or_missing_etag_an_unknown_contact_and_a_missing_reason()
    {
        var person = await Admin.CreateAsync(Routes.Contacts, new NewContact(Name));

        await (await EraseAsync(Admin, person, new { reason = "" })).FieldErrorAsync("reason");
        await (await EraseAsync(Admin, person, new { reason = new string('x', 1001) })).FieldErrorAsync("reason");
        await (await EraseAsync(Admin, person, new { reason = "Request" }, "\"99\"")).ProblemAsync(HttpStatusCode.PreconditionFailed);
        var missing = await Admin.SendAsync(HttpMethod.Post, $"{Routes.Contacts}/{person.Id()}/erasure", null, RequestBody.Content(new { reason = "Request" }));
        await missing.ProblemAsync(HttpStatusCode.PreconditionRequired);
        var unknown = await Admin.SendAsync(HttpMethod.Post, $"{Routes.Contacts}/{Guid.NewGuid()}/erasure", "\"1\"", RequestBody.Content(new { reason = "Request" }));
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        var editor = await ClientWithRoleAsync("editor");
        Assert.That((await EraseAsync(editor, person, new { reason = "Request" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var erased = (await (await EraseAsync(Admin, person, new { reason = "Request" })).JsonAsync(HttpStatusCode.OK))["contact"]!.AsObject();
        await (await EraseAsync(Admin, erased, new { reason = "Again" })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task An_erasure_under_concurrent_edits_of_the_same_engagement_loses_nothing()
    {
        var (_, person, engagement, _) = await RecordPersonAsync();
        const int editors = 6;

        async Task EditAsync(int n)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var current = await Admin.ReadAsync(Routes.Engagements, engagement.Id());
                var links = current["links"]!.AsArray().Select(l => l!["url"]!.GetValue<string>()).Append($"https://example.org/{n}")
                    .Select(u => new { url = u });
                var response = await Admin.PatchAsync(Routes.Engagements, current, JsonSerializer.Serialize(new { links }));
                if (response.StatusCode == HttpStatusCode.PreconditionFailed) continue;
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
                return;
            }
            Assert.Fail($"editor {n} never got its change in");
        }

        var edits = Enumerable.Range(0, editors).Select(EditAsync).ToList();
        var erasure = EraseAsync(Admin, person, new { reason = "Request" });
        await Task.WhenAll(edits);
        Assert.That((await erasure).StatusCode, Is.EqualTo(HttpStatusCode.OK), await (await erasure).Content.ReadAsStringAsync());

        var read = await Admin.ReadAsync(Routes.Engagements, engagement.Id());
        Assert.That(read["links"]!.AsArray().Select(l => (string)l!["url"]!),
            Is.EquivalentTo(Enumerable.Range(0, editors).Select(n => $"https://example.org/{n}")));
        Assert.That((string)read["participants"]![0]!["fullName"]!, Does.StartWith("Erased person "));
    }
}
