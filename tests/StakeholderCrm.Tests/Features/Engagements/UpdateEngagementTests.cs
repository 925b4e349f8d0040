using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Engagements;

public sealed class UpdateEngagementTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Engagements;

    [Test]
    public async Task A_patch_replaces_the_lists_it_names_and_keeps_the_rest()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var meeting = await Admin.CreateAsync(Route, seed.Engagement());
        var patched = await (await Admin.PatchAsync(Route, meeting, """
            {"summary": "Constructive call.", "keyPoints": [{"section": "conclusion", "text": "Invite TikTok to the next SOM."}]}
            """)).JsonAsync(HttpStatusCode.OK);

        Assert.That((int)patched["version"]!, Is.EqualTo(2));
        Assert.That((string)patched["summary"]!, Is.EqualTo("Constructive call."));
        Assert.That(patched["keyPoints"]!.AsArray().Select(k => (string)k!["section"]!), Is.EqualTo(new[] { "conclusion" }));
        Assert.That(patched["participants"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(patched["links"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(await Admin.ListAsync(Route, "q=dublin"), Is.Empty, "the replaced key points no longer match");
        Assert.That(await Admin.ListAsync(Route, "q=som"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_sensitive_engagement_stays_sensitive_whatever_a_patch_or_replace_leaves_out()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        const string path = $"{Route}/by-external-id/registry/Ares(2021)4185273";
        var body = seed.Engagement() with { Confidentiality = "sensitive" };
        var sensitive = await (await Admin.PutAsync(path, RequestBody.Content(body))).JsonAsync(HttpStatusCode.Created);

        Assert.That(await (await Admin.PatchAsync(Route, sensitive, """{"confidentiality": null}""")).FieldErrorAsync("confidentiality"),
            Does.Contain("cannot be cleared"));
        var replaced = await (await Admin.PutAsync(path, RequestBody.Content(body with { Confidentiality = null, Summary = "Replaced." })))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That(((string)replaced["summary"]!, (string)replaced["confidentiality"]!), Is.EqualTo(("Replaced.", "sensitive")));
        var withClear = RequestBody.Node(body);
        withClear["clear"] = new JsonArray("summary");
        await (await Admin.PutAsync(path, JsonContent.Create(withClear))).FieldErrorAsync("clear");
    }

    [Test]
    public async Task Create_and_patch_answer_the_record_as_read_back_whichever_lists_they_leave_empty()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var created = await Admin.CreateAsync(Route, seed.Engagement() with { Participants = [], KeyPoints = [], Distribution = [], AuthorId = null });
        Assert.That(created["participants"]!.AsArray(), Is.Empty);
        Assert.That(created["topics"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(created["links"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(JsonNode.DeepEquals(await Admin.ReadAsync(Route, created.Id()), created), Is.True);

        var patched = await (await Admin.PatchAsync(Route, created, $$"""
            {"topicIds": [], "links": [], "authorId": "{{seed.Muschel.Id()}}",
             "keyPoints": [{"section": "conclusion", "text": "Invite TikTok to the next SOM."}]}
            """)).JsonAsync(HttpStatusCode.OK);
        Assert.That(patched["topics"]!.AsArray(), Is.Empty);
        Assert.That(patched["links"]!.AsArray(), Is.Empty);
        Assert.That((string)patched["author"]!["fullName"]!, Is.EqualTo("Laurent Muschel"));
        Assert.That(patched["keyPoints"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(JsonNode.DeepEquals(await Admin.ReadAsync(Route, created.Id()), patched), Is.True);
    }

    [Test]
    public async Task A_patch_is_validated_like_a_create_and_needs_a_current_if_match()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var meeting = await Admin.CreateAsync(Route, seed.Engagement());
        await (await Admin.PatchAsync(Route, meeting, """{"participants": [{"contactId": "00000000-0000-0000-0000-000000000001"}]}"""))
            .FieldErrorAsync("participants[0].contactId");
        await (await Admin.PatchAsync(Route, meeting, """{"organisationIds": null}""")).FieldErrorAsync("organisationIds");
        (await Admin.PatchAsync(Route, meeting, """{"location": "Brussels"}""")).EnsureSuccessStatusCode();
        await (await Admin.PatchAsync(Route, meeting, """{"location": "Dublin"}""")).ProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task Archives_and_restores_an_engagement()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var meeting = await Admin.CreateAsync(Route, seed.Engagement());
        var archived = await (await Admin.ArchiveAsync(Route, meeting)).JsonAsync(HttpStatusCode.OK);
        Assert.That(await Admin.ListAsync(Route), Is.Empty);
        Assert.That((bool)(await Admin.ReadAsync(Route, meeting.Id()))["archived"]!, Is.True);
        var restored = await (await Admin.RestoreAsync(Route, archived)).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)restored["archived"]!, Is.False);
        Assert.That(await Admin.ListAsync(Route), Has.Count.EqualTo(1));
    }
}
