using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Engagements;

public sealed class ListEngagementsTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Engagements;
    private SeedMeeting seed = null!;
    private JsonObject meeting = null!;
    private JsonObject other = null!;

    [SetUp]
    public async Task RecordMeetings()
    {
        seed = await SeedMeeting.RecordPeopleAsync(Admin);
        meeting = await Admin.CreateAsync(Route, seed.Engagement());
        var meta = await Admin.CreateOrganisationAsync(new NewOrganisation("Meta Platforms Ireland") { TransparencyRegisterId = "28666427835-74" });
        other = await Admin.CreateAsync(Route, seed.Engagement() with
        {
            Title = "Workshop on the TCO Regulation",
            Kind = "workshop",
            StartsAt = "2021-11-15T09:00:00+01:00",
            EndsAt = null,
            OrganisationIds = [meta.Id()],
            Participants = [new NewParticipant(seed.Maglione.Id())],
            TopicIds = [seed.Tco.Id()],
            KeyPoints = [new("conclusion", "Removal orders within one hour.")],
            Confidentiality = "public",
        });
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
        Assert.That(await Ids("from=0001-01-01&to=9999-12-31"), Has.Count.EqualTo(2), "the calendar's last day has no next day to end on (a 500, found by the fuzzer)");
        Assert.That(await Ids($"organisationId={seed.TikTok.Id()}&from=2021-06-28&to=2021-06-28"), Is.EqualTo(new[] { meeting.Id() }));
        Assert.That(await Ids($"organisationId={seed.TikTok.Id()}&from=2021-06-29"), Is.Empty);
        Assert.That(await Ids($"contactId={seed.Maglione.Id()}&to=2021-06-28"), Is.EqualTo(new[] { meeting.Id() }));
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
        var greer = await Admin.ReadAsync(Routes.Contacts, seed.Greer.Id());
        (await Admin.ArchiveAsync(Routes.Contacts, greer)).EnsureSuccessStatusCode();
        var archivedTikTok = await Admin.ReadAsync(Routes.Organisations, seed.TikTok.Id());
        (await Admin.ArchiveAsync(Routes.Organisations, archivedTikTok)).EnsureSuccessStatusCode();

        var read = await Admin.ReadAsync(Route, meeting.Id());
        var participant = read["participants"]!.AsArray().Single(p => (string)p!["contactId"]! == seed.Greer.Id())!;
        Assert.That((string)participant["fullName"]!, Is.EqualTo("Caroline Greer"));
        Assert.That((bool)participant["archived"]!, Is.True);
        Assert.That((bool)read["organisations"]![0]!["archived"]!, Is.True);
        Assert.That(read["keyPoints"]!.AsArray(), Has.Count.EqualTo(6));
        Assert.That(await Ids($"contactId={seed.Greer.Id()}"), Is.EqualTo(new[] { meeting.Id() }));
    }

    [Test]
    public async Task A_list_item_is_a_summary_with_the_organisations_met_and_the_full_record_is_read_by_id()
    {
        var item = (await Admin.ListAsync(Route, $"organisationId={seed.TikTok.Id()}")).Single();
        Assert.That((string)item["title"]!, Is.EqualTo("Meeting with TikTok"));
        Assert.That((string)item["kind"]!, Is.EqualTo("call"));
        Assert.That(DateTimeOffset.Parse((string)item["startsAt"]!), Is.EqualTo(DateTimeOffset.Parse("2021-06-28T08:00:00Z")));
        Assert.That(item["organisations"]!.AsArray().Select(o => (string)o!["name"]!), Is.EqualTo(new[] { "TikTok Technology Ltd" }));
        Assert.That((int)item["version"]!, Is.EqualTo(1));
        foreach (var detail in new[] { "participants", "keyPoints", "links", "distribution", "purpose", "summary", "author" })
        {
            Assert.That(item.ContainsKey(detail), Is.False, $"{detail} is read by id, not listed");
        }
        var full = await Admin.ReadAsync(Route, item.Id());
        Assert.That(full["participants"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(full["keyPoints"]!.AsArray(), Has.Count.EqualTo(6));
    }

    [Test]
    public async Task Moving_a_meeting_moves_it_in_its_organisation_contact_and_topic_pages()
    {
        var later = await Admin.CreateAsync(Route,
            seed.Engagement() with { Title = "Follow-up call with TikTok", StartsAt = "2021-09-01T10:00:00+02:00", EndsAt = null });
        var filters = new[] { $"organisationId={seed.TikTok.Id()}", $"contactId={seed.Greer.Id()}", $"topicId={seed.ChildSafety.Id()}" };
        foreach (var filter in filters) Assert.That(await Ids(filter), Is.EqualTo(new[] { later.Id(), meeting.Id() }), filter);

        var current = await Admin.ReadAsync(Route, meeting.Id());
        (await Admin.PatchAsync(Route, current, """{"startsAt": "2021-12-01T10:00:00+01:00", "endsAt": null}""")).EnsureSuccessStatusCode();

        foreach (var filter in filters)
        {
            Assert.That(await Ids(filter), Is.EqualTo(new[] { meeting.Id(), later.Id() }), filter);
            var first = await (await Admin.GetAsync($"{Route}?{filter}&limit=1")).JsonAsync(HttpStatusCode.OK);
            var second = await (await Admin.GetAsync($"{Route}?{filter}&limit=1&cursor={first["nextCursor"]}")).JsonAsync(HttpStatusCode.OK);
            Assert.That(new[] { first["items"]![0]!.AsObject().Id(), second["items"]![0]!.AsObject().Id() }, Is.EqualTo(new[] { meeting.Id(), later.Id() }),
                filter);
            Assert.That((string?)second["nextCursor"], Is.Null, filter);
        }
        Assert.That(await Ids($"organisationId={seed.TikTok.Id()}&topicId={seed.Tco.Id()}&contactId={seed.Evans.Id()}"),
            Is.EqualTo(new[] { meeting.Id(), later.Id() }));
        Assert.That(await Ids($"organisationId={seed.TikTok.Id()}&kind=workshop"), Is.Empty);
    }

    private async Task<List<string>> Ids(string query) => (await Admin.ListAsync(Route, query)).Select(e => e.Id()).ToList();
}
