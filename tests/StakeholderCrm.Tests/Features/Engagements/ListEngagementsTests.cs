using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Features.Organisations;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Engagements;

public sealed class ListEngagementsTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = SeedMeeting.Engagements;
    private SeedMeeting seed = null!;
    private JsonObject meeting = null!;
    private JsonObject other = null!;

    [SetUp]
    public async Task RecordMeetings()
    {
        seed = await SeedMeeting.RecordPeopleAsync(Admin);
        meeting = await Admin.CreateAsync(Route, seed.Engagement());
        var meta = await Admin.CreateOrganisationAsync("Meta Platforms Ireland");
        var body = seed.Engagement();
        body["title"] = "Workshop on the TCO Regulation";
        body["kind"] = "workshop";
        body["startsAt"] = "2021-11-15T09:00:00+01:00";
        body["endsAt"] = null;
        body["organisationIds"] = new JsonArray(meta.Id());
        body["participants"] = new JsonArray(new JsonObject { ["contactId"] = seed.Maglione.Id() });
        body["topicIds"] = new JsonArray(seed.Tco.Id());
        body["keyPoints"] = new JsonArray(new JsonObject { ["section"] = "conclusion", ["text"] = "Removal orders within one hour." });
        body["confidentiality"] = "public";
        other = await Admin.CreateAsync(Route, body);
    }

    [Test]
    public async Task Finds_the_meeting_by_organisation_participant_topic_date_and_key_point_word()
    {
        Assert.That(await Ids($"organisationId={seed.TikTok.Id()}"), Is.EqualTo(new[] { meeting.Id() }));
        Assert.That(await Ids($"contactId={seed.Greer.Id()}"), Is.EqualTo(new[] { meeting.Id() }));
        Assert.That(await Ids($"contactId={seed.Maglione.Id()}"), Is.EqualTo(new[] { other.Id(), meeting.Id() }));
        Assert.That(await Ids($"topicId={seed.ChildSafety.Id()}"), Is.EqualTo(new[] { meeting.Id() }));
        Assert.That(await Ids("from=2021-06-28&to=2021-06-28"), Is.EqualTo(new[] { meeting.Id() }));
        Assert.That(await Ids("from=2021-06-29"), Is.EqualTo(new[] { other.Id() }));
        Assert.That(await Ids("to=2021-06-27"), Is.Empty);
        Assert.That(await Ids("q=DUBLIN"), Is.EqualTo(new[] { meeting.Id() }), "a word found only in a key point");
        Assert.That(await Ids("q=transparency%20centre"), Is.EqualTo(new[] { meeting.Id() }));
        Assert.That(await Ids("q=removal%20orders"), Is.EqualTo(new[] { other.Id() }));
        Assert.That(await Ids("q=dublin%20orders"), Is.Empty);
        Assert.That(await Ids("kind=workshop"), Is.EqualTo(new[] { other.Id() }));
        Assert.That(await Ids("status=held"), Has.Count.EqualTo(2));
        Assert.That(await Ids("confidentiality=public"), Is.EqualTo(new[] { other.Id() }));
        Assert.That(await Ids("sort=startsAt"), Is.EqualTo(new[] { meeting.Id(), other.Id() }));
    }

    [TestCase("from=yesterday", "from")]
    [TestCase("kind=lunch", "kind")]
    [TestCase("status=done", "status")]
    [TestCase("confidentiality=secret", "confidentiality")]
    [TestCase("q=a%20b%20c%20d%20e%20f", "q")]
    [TestCase("sort=title", "sort")]
    [TestCase("organisationId=tiktok", "organisationId")]
    public async Task Rejects_bad_filters_naming_them(string query, string field)
        => await (await Admin.GetAsync($"{Route}?{query}")).FieldErrorAsync(field);

    [Test]
    public async Task An_archived_contact_still_appears_marked_archived_in_an_old_meeting()
    {
        var greer = await Admin.ReadAsync(SeedMeeting.Contacts, seed.Greer.Id());
        (await Admin.ArchiveAsync(SeedMeeting.Contacts, greer)).EnsureSuccessStatusCode();
        var archivedTikTok = await Admin.ReadAsync(OrganisationRequests.Route, seed.TikTok.Id());
        (await Admin.ArchiveAsync(OrganisationRequests.Route, archivedTikTok)).EnsureSuccessStatusCode();

        var read = await Admin.ReadAsync(Route, meeting.Id());
        var participant = read["participants"]!.AsArray().Single(p => (string)p!["contactId"]! == seed.Greer.Id())!;
        Assert.That((string)participant["fullName"]!, Is.EqualTo("Caroline Greer"));
        Assert.That((bool)participant["archived"]!, Is.True);
        Assert.That((bool)read["organisations"]![0]!["archived"]!, Is.True);
        Assert.That(read["keyPoints"]!.AsArray(), Has.Count.EqualTo(6));
        Assert.That(await Ids($"contactId={seed.Greer.Id()}"), Is.EqualTo(new[] { meeting.Id() }));
    }

    private async Task<List<string>> Ids(string query) => (await Admin.ListAsync(Route, query)).Select(e => e.Id()).ToList();
}
