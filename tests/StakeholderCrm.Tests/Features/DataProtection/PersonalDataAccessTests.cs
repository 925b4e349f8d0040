using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.DataProtection;

public sealed class PersonalDataAccessTests(DatabaseProvider provider) : ApiTest(provider)
{
    private static string Route(string contactId) => $"{Routes.Contacts}/{contactId}/personal-data";

    [Test]
    public async Task Gives_the_contact_every_engagement_with_their_part_their_commitments_and_history_as_a_download()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var meeting = await Admin.CreateAsync(Routes.Engagements, seed.Engagement());
        var muschel = seed.Muschel.Id();
        var made = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Present TikTok's activities to the Senior Officials", seed.TikTok.Id())
        {
            Direction = "ours", Category = "presentation", MadeInEngagementId = meeting.Id(), CommittedById = muschel, OwnerId = seed.Maglione.Id(),
        });
        var owned = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Invite TikTok to the EU Internet Forum", seed.TikTok.Id())
        {
            Direction = "ours", Category = "report", OwnerId = muschel,
        });
        await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Not theirs", seed.TikTok.Id()) { Direction = "theirs", Category = "report" });

        var response = await Admin.GetAsync(Route(muschel));
        var data = await response.JsonAsync(HttpStatusCode.OK);

        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo($"personal-data-{muschel}.json"));
        Assert.That((string)data["contactId"]!, Is.EqualTo(muschel));
        Assert.That((string)data["contact"]!["fullName"]!, Is.EqualTo("Laurent Muschel"));
        Assert.That((string)data["contact"]!["positions"]![0]!["title"]!, Is.EqualTo("Director"));

        var engagement = data["engagements"]!.AsArray().Single()!;
        Assert.That((string)engagement["engagement"]!["id"]!, Is.EqualTo(meeting.Id()));
        Assert.That((string)engagement["engagement"]!["title"]!, Is.EqualTo("Meeting with TikTok"));
        Assert.That((bool)engagement["author"]!, Is.True);
        Assert.That((string)engagement["distribution"]!, Is.EqualTo("cc"));
        Assert.That(engagement["participant"], Is.Null);

        var commitments = data["commitments"]!.AsArray().ToDictionary(c => (string)c!["commitment"]!["id"]!);
        Assert.That(commitments.Keys, Is.EquivalentTo(new[] { made.Id(), owned.Id() }));
        Assert.That(((bool)commitments[made.Id()]!["committedBy"]!, (bool)commitments[made.Id()]!["owner"]!), Is.EqualTo((true, false)));
        Assert.That(((bool)commitments[owned.Id()]!["committedBy"]!, (bool)commitments[owned.Id()]!["owner"]!), Is.EqualTo((false, true)));

        var history = data["history"]!.AsArray().Select(h => ((string)h!["entityType"]!, (string)h["entityId"]!)).ToList();
        Assert.That(history, Is.EquivalentTo(new[]
        {
            ("contact", muschel), ("engagement", meeting.Id()), ("commitment", made.Id()), ("commitment", owned.Id()),
        }));
        Assert.That((string)data["history"]![0]!["data"]!["fullName"]!, Is.EqualTo("Laurent Muschel"));
        Assert.That(data["withheld"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Lists_the_free_text_that_names_the_person_without_linking_them()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var meeting = await Admin.CreateAsync(Routes.Engagements, seed.Engagement() with
        {
            Participants = [new NewParticipant(seed.Maglione.Id())],
            Distribution = [],
            AuthorId = null,
            KeyPoints = [new("keyPoint", "Caroline Greer's team will follow up.")],
        });
        await Admin.CreateAsync(Routes.Engagements, seed.Engagement() with
        {
            Title = "Call with Greerson",
            Participants = [new NewParticipant(seed.Maglione.Id())],
            Distribution = [],
            AuthorId = null,
            KeyPoints = [],
        });

        var data = await (await Admin.GetAsync(Route(seed.Greer.Id()))).JsonAsync(HttpStatusCode.OK);

        Assert.That(data["engagements"]!.AsArray(), Is.Empty, "no id links her to either meeting");
        var mentions = data["mentions"]!.AsArray().Select(m => ((string)m!["entityType"]!, (string)m["id"]!, (string)m["field"]!)).ToList();
        Assert.That(mentions, Is.EqualTo(new[] { ("engagement", meeting.Id(), "keyPoints") }));
    }

    [Test]
    public async Task Gives_a_participant_their_side_role_and_attendance_and_the_report_they_received()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var meeting = await Admin.CreateAsync(Routes.Engagements, seed.Engagement());

        var data = await (await Admin.GetAsync(Route(seed.Maglione.Id()))).JsonAsync(HttpStatusCode.OK);

        var engagement = data["engagements"]!.AsArray().Single()!;
        Assert.That((string)engagement["engagement"]!["id"]!, Is.EqualTo(meeting.Id()));
        Assert.That((string)engagement["participant"]!["side"]!, Is.EqualTo("internal"));
        Assert.That((string)engagement["participant"]!["role"]!, Is.EqualTo("chair"));
        Assert.That((bool)engagement["participant"]!["attended"]!, Is.True);
        Assert.That((string)engagement["participant"]!["title"]!, Is.EqualTo("Member of Cabinet"));
        Assert.That((bool)engagement["author"]!, Is.False);
        Assert.That((string)engagement["distribution"]!, Is.EqualTo("to"));

        var evans = await (await Admin.GetAsync(Route(seed.Evans.Id()))).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)evans["engagements"]![0]!["participant"]!["side"]!, Is.EqualTo("external"));
        Assert.That(evans["engagements"]![0]!["distribution"], Is.Null);
    }

    [Test]
    public async Task Finds_history_entries_that_named_the_person_after_they_were_removed()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var meeting = await Admin.CreateAsync(Routes.Engagements, seed.Engagement());
        var withoutEvans = seed.EngagementJson();
        withoutEvans["participants"]!.AsArray().RemoveAt(2);
        var patch = new JsonObject { ["participants"] = withoutEvans["participants"]!.DeepClone() };
        Assert.That((await Admin.PatchAsync(Routes.Engagements, meeting, patch.ToJsonString())).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var data = await (await Admin.GetAsync(Route(seed.Evans.Id()))).JsonAsync(HttpStatusCode.OK);

        Assert.That(data["engagements"]!.AsArray(), Is.Empty);
        var engagementHistory = data["history"]!.AsArray().Where(h => (string)h!["entityType"]! == "engagement").ToList();
        Assert.That(engagementHistory.Select(h => (string)h!["operation"]!), Is.EqualTo(new[] { "created" }));
    }

    [Test]
    public async Task Lists_a_sensitive_engagement_by_id_only_unless_the_caller_is_cleared()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var sensitive = await Admin.CreateAsync(Routes.Engagements, seed.Engagement() with { Confidentiality = "sensitive" });
        var commitment = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Follow-up", seed.TikTok.Id())
        {
            Category = "report", MadeInEngagementId = sensitive.Id(), CommittedById = seed.Greer.Id(),
        });
        var coordinator = await KeyAsync(new NewApiKey("coordinator", "reader") { Scopes = ["personal-data:read"] });
        var cleared = await KeyAsync(new NewApiKey("cleared-coordinator", "reader") { Scopes = ["personal-data:read"], Cleared = true });

        var withheld = await (await coordinator.GetAsync(Route(seed.Greer.Id()))).JsonAsync(HttpStatusCode.OK);
        var full = await (await cleared.GetAsync(Route(seed.Greer.Id()))).JsonAsync(HttpStatusCode.OK);

        Assert.That(withheld["engagements"]!.AsArray(), Is.Empty);
        Assert.That(withheld["commitments"]!.AsArray(), Is.Empty);
        Assert.That(withheld["history"]!.AsArray().Select(h => (string)h!["entityType"]!), Is.EqualTo(new[] { "contact" }));
        Assert.That(withheld["withheld"]!.AsArray().Select(w => ((string)w!["entityType"]!, (string)w["id"]!)),
            Is.EquivalentTo(new[] { ("engagement", sensitive.Id()), ("commitment", commitment.Id()) }));
        Assert.That(withheld.ToJsonString(), Does.Not.Contain("Meeting with TikTok").And.Not.Contain("Follow-up"));

        Assert.That((string)full["engagements"]![0]!["engagement"]!["title"]!, Is.EqualTo("Meeting with TikTok"));
        Assert.That((string)full["commitments"]![0]!["commitment"]!["title"]!, Is.EqualTo("Follow-up"));
        Assert.That(full["withheld"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Only_admins_and_keys_granted_personal_data_read_may_ask()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var route = Route(seed.Greer.Id());

        Assert.That((await (await KeyAsync(new NewApiKey("coordinator", "reader") { Scopes = ["personal-data:read"] })).GetAsync(route)).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await (await KeyAsync(new NewApiKey("sync", "editor") { Scopes = ["contacts:read", "personal-data:read"] })).GetAsync(route)).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
        await (await (await ClientWithRoleAsync("reader")).GetAsync(route)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await ClientWithRoleAsync("editor")).GetAsync(route)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await KeyAsync(new NewApiKey("engagement-reader", "editor") { Scopes = ["engagements:read"] })).GetAsync(route))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await KeyAsync(new NewApiKey("contacts-reader", "reader") { Scopes = ["contacts:read"] })).GetAsync(route))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That((await Client(apiKey: null).GetAsync(route)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Records_who_asked_and_when_and_lists_it_in_the_next_answer()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var coordinator = await KeyAsync(new NewApiKey("dpc-coordinator", "reader") { Scopes = ["personal-data:read"] });

        var first = await (await coordinator.GetAsync(Route(seed.Greer.Id()))).JsonAsync(HttpStatusCode.OK);
        var second = await (await Admin.GetAsync(Route(seed.Greer.Id()))).JsonAsync(HttpStatusCode.OK);

        Assert.That(await TestDatabase.CountAsync(Host,
            "SELECT COUNT(*) FROM personal_data_requests WHERE contact_id = @Id AND kind = 'access' AND requested_by = 'dpc-coordinator' AND reason IS NULL",
            new { Id = Guid.Parse(seed.Greer.Id()) }), Is.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM personal_data_requests"), Is.EqualTo(2));
        Assert.That(first["requests"]!.AsArray().Select(r => ((string)r!["kind"]!, (string)r["requestedBy"]!)),
            Is.EqualTo(new[] { ("access", "dpc-coordinator") }));
        Assert.That(second["requests"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That((DateTimeOffset)second["requests"]![0]!["requestedAt"]!, Is.EqualTo((DateTimeOffset)first["producedAt"]!));
    }

    [Test]
    public async Task Answers_404_for_an_unknown_person_and_records_nothing()
    {
        var problem = await (await Admin.GetAsync(Route(Guid.NewGuid().ToString()))).ProblemAsync(HttpStatusCode.NotFound);

        Assert.That((string)problem["detail"]!, Does.Contain("contact"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM personal_data_requests"), Is.Zero);
    }

    [Test]
    public async Task Reads_in_the_same_number_of_statements_however_many_engagements_name_the_person()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        await Admin.CreateAsync(Routes.Engagements, seed.Engagement());
        var once = await DatabaseCommands.CountAsync(() => Admin.GetAsync(Route(seed.Greer.Id())));
        for (var i = 0; i < 3; i++) await Admin.CreateAsync(Routes.Engagements, seed.Engagement() with { Title = $"Follow-up {i}" });

        var often = await DatabaseCommands.CountAsync(() => Admin.GetAsync(Route(seed.Greer.Id())));

        Assert.That(often, Is.EqualTo(once));
    }

    private async Task<HttpClient> KeyAsync(NewApiKey key)
        => Client((string)(await (await Admin.PostAsync(Routes.ApiKeys, key)).JsonAsync(HttpStatusCode.Created))["secret"]!);
}
