using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.DataProtection;

/// <summary>The free text beyond engagements' and commitments' own fields, the logged reasons, and who may erase.</summary>
public sealed class ErasureFreeTextTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Name = "Ottilie Vandersloot";
    private const string Email = "ottilie.vandersloot@example.org";
    private const string Phone = "+32 2 555 01 23";

    [Test]
    public async Task Redaction_reaches_descriptions_notes_links_evidence_and_figures_and_gives_each_record_a_new_version()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var person = await Admin.CreateAsync(Routes.Contacts, new NewContact(Name) { Email = Email });
        var topic = await Admin.CreateAsync(Routes.Topics, new NewTopic("Age verification") { Description = $"Raised by {Name}." });
        var forum = await Admin.CreateAsync(Routes.Bodies, new NewBody("EU Internet Forum", "forum") { Description = $"{Name} chairs a working group." });
        var membership = await Admin.CreateAsync(Routes.Memberships, new NewMembership(tiktok.Id(), forum.Id(), "interested")
        {
            Since = "2021-06-28", Notes = $"Ask {Name}.",
        });
        membership = await (await Admin.TransitionAsync(Routes.Memberships, membership, new Transition("applied") { On = "2021-09-01", Note = $"Sent by {Name}." }))
            .JsonAsync(HttpStatusCode.OK);
        var figure = await Admin.CreateAsync(Routes.Figures, new NewFigure(tiktok.Id(), "Monthly active users", 1000, "users") { AsOf = "2021-06-28", Note = $"Stated by {Name}." });
        var commitment = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Send the report", tiktok.Id()) { Category = "report", Status = "open" });
        var evidence = new Transition("fulfilled") { Evidence = new EvidenceBody { Url = $"https://example.org/report?from={Email}" } };
        commitment = await (await Admin.TransitionAsync(Routes.Commitments, commitment, evidence)).JsonAsync(HttpStatusCode.OK);
        var engagement = await Admin.CreateAsync(Routes.Engagements, new NewEngagement("Call with TikTok", "2021-06-28T10:00:00Z")
        {
            Kind = "call", OrganisationIds = [tiktok.Id()], Links = [new NewLink($"https://example.org/minutes?from={Email}", $"Minutes by {Name}")],
        });

        var erased = await (await EraseContactTests.EraseAsync(Admin, person, new { reason = "Request", redactFreeText = true }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.That(erased["freeText"]!.AsArray().Select(p => $"{p!["entityType"]}/{p["field"]}"), Is.EquivalentTo(new[]
        {
            "body/description", "commitment/history", "engagement/links", "figure/note", "membership/history", "membership/notes", "topic/description",
        }));
        await AssertRedactedAsync(Routes.Topics, topic, t => t["description"], "Raised by [erased].");
        await AssertRedactedAsync(Routes.Bodies, forum, b => b["description"], "[erased] chairs a working group.");
        await AssertRedactedAsync(Routes.Figures, figure, f => f["note"], "Stated by [erased].");
        await AssertRedactedAsync(Routes.Memberships, membership, m => m["notes"], "Ask [erased].");
        Assert.That((string)(await Admin.ReadAsync(Routes.Memberships, membership.Id()))["history"]![1]!["note"]!, Is.EqualTo("Sent by [erased]."));
        await AssertRedactedAsync(Routes.Commitments, commitment, c => c["history"]![1]!["evidence"]!["url"], "https://example.org/report?from=[erased]");
        var link = (await AssertRedactedAsync(Routes.Engagements, engagement, e => e["links"]![0]!["url"], "https://example.org/minutes?from=[erased]"))
            ["links"]![0]!;
        Assert.That((string)link["title"]!, Is.EqualTo("Minutes by [erased]"));

        var feed = (await (await Admin.GetAsync("/api/changes?limit=100")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.That(feed.Where(c => (string)c!["operation"]! == "updated").Select(c => (string)c!["entityId"]!),
            Is.SupersetOf(new[] { topic.Id(), forum.Id(), figure.Id(), membership.Id(), commitment.Id(), engagement.Id() }));
        Assert.That(feed.ToJsonString(), Does.Not.Contain("Vandersloot").And.Not.Contain(Email));
    }

    [Test]
    public async Task The_reasons_logged_for_the_person_hold_erased_in_place_of_the_name_e_mail_and_phone()
    {
        var person = await Admin.CreateAsync(Routes.Contacts, new NewContact(Name) { Email = Email, Phone = Phone });
        var restricted = await (await Admin.SendAsync(HttpMethod.Post, Restriction(person), Requests.ETag(person),
            RequestBody.Content(new { reason = $"{Name} contests the phone {Phone}" }))).JsonAsync(HttpStatusCode.OK);
        var lifted = await (await Admin.SendAsync(HttpMethod.Delete, Restriction(person), Requests.ETag(restricted))).JsonAsync(HttpStatusCode.OK);

        await (await EraseContactTests.EraseAsync(Admin, lifted, new { reason = $"Letter from {Name} <{Email}>" })).JsonAsync(HttpStatusCode.OK);

        await using var connection = await Host.Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        Assert.That(await connection.QueryAsync<string>("SELECT reason FROM personal_data_requests"), Is.EquivalentTo(new[]
        {
            "Restricted: [erased] contests the phone [erased]", "Restriction lifted", "Letter from [erased] <[erased]>",
        }));
    }

    [Test]
    public async Task A_key_with_the_scope_personal_data_write_restricts_and_erases_and_one_with_read_may_not()
    {
        var person = await Admin.CreateAsync(Routes.Contacts, new NewContact(Name));
        var reader = await KeyAsync(new NewApiKey("dpc-reader", "reader") { Scopes = ["personal-data:read"] });
        var coordinator = await KeyAsync(new NewApiKey("dpc-coordinator", "reader") { Scopes = ["personal-data:write"] });
        var restrict = new { reason = "Accuracy contested" };

        await (await reader.SendAsync(HttpMethod.Post, Restriction(person), Requests.ETag(person), RequestBody.Content(restrict)))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await EraseContactTests.EraseAsync(reader, person, new { reason = "Request" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await EraseContactTests.EraseAsync(await ClientWithRoleAsync("editor"), person, new { reason = "Request" })).ProblemAsync(HttpStatusCode.Forbidden);

        var restricted = await (await coordinator.SendAsync(HttpMethod.Post, Restriction(person), Requests.ETag(person), RequestBody.Content(restrict)))
            .JsonAsync(HttpStatusCode.OK);
        var lifted = await (await coordinator.SendAsync(HttpMethod.Delete, Restriction(person), Requests.ETag(restricted))).JsonAsync(HttpStatusCode.OK);
        var erased = await (await EraseContactTests.EraseAsync(coordinator, lifted, new { reason = "Request" })).JsonAsync(HttpStatusCode.OK);

        Assert.That((string)erased["contact"]!["fullName"]!, Does.StartWith("Erased person "));
        Assert.That((await coordinator.GetAsync($"{Routes.Contacts}/{person.Id()}/personal-data")).StatusCode, Is.EqualTo(HttpStatusCode.OK),
            "who may erase may also read what is held");
        await (await coordinator.GetAsync("/api/data-protection/retention")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM personal_data_requests WHERE requested_by = 'dpc-coordinator'"),
            Is.EqualTo(4), "restriction, lifting, erasure and access");
    }

    /// <summary>The record read again: <paramref name="field"/> redacted, and one version on.</summary>
    private async Task<JsonObject> AssertRedactedAsync(string route, JsonObject before, Func<JsonObject, JsonNode?> field, string expected)
    {
        var read = await Admin.ReadAsync(route, before.Id());
        Assert.That((string?)field(read), Is.EqualTo(expected), route);
        Assert.That((int)read["version"]!, Is.EqualTo((int)before["version"]! + 1), route);
        return read;
    }

    private static string Restriction(JsonObject contact) => $"{Routes.Contacts}/{contact.Id()}/restriction";

    private async Task<HttpClient> KeyAsync(NewApiKey key)
        => Client((string)(await (await Admin.PostAsync(Routes.ApiKeys, key)).JsonAsync(HttpStatusCode.Created))["secret"]!);
}
