using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Memberships;

public sealed class MembershipTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Memberships;
    private JsonObject tiktok = null!;
    private JsonObject forum = null!;

    [SetUp]
    public async Task RecordParties()
    {
        tiktok = await Admin.CreateOrganisationAsync("TikTok");
        forum = await Admin.CreateAsync(Routes.Bodies, new NewBody("EU Internet Forum", "forum"));
    }

    [Test]
    public async Task A_second_live_membership_of_the_same_body_is_a_conflict_naming_the_first()
    {
        var first = await Admin.CreateAsync(Route, Membership("interested"));
        var problem = await (await Admin.PostAsync(Route, Membership("member")))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)problem["conflictingId"]!, Is.EqualTo(first.Id()));

        (await Admin.ArchiveAsync(Route, first)).EnsureSuccessStatusCode();
        await Admin.CreateAsync(Route, Membership("member"));
    }

    [Test]
    public async Task As_of_gives_the_status_that_held_on_a_date_after_two_changes()
    {
        var membership = await Admin.CreateAsync(Route, Membership("interested") with { Since = "2021-06-28" });
        membership = await (await TransitionAsync(membership, new Transition("applied") { On = "2021-09-01" })).JsonAsync(HttpStatusCode.OK);
        membership = await (await TransitionAsync(membership, new Transition("member") { On = "2021-12-08", Note = "Admitted at the ministerial meeting." }))
            .JsonAsync(HttpStatusCode.OK);

        Assert.That(membership["history"]!.AsArray().Select(h => $"{h!["status"]}@{h["on"]}"),
            Is.EqualTo(new[] { "interested@2021-06-28", "applied@2021-09-01", "member@2021-12-08" }));
        Assert.That(await StatusAsOf("2021-06-01"), Is.Empty, "it did not exist yet");
        Assert.That(await StatusAsOf("2021-07-15"), Is.EqualTo(new[] { "interested" }));
        Assert.That(await StatusAsOf("2021-09-01"), Is.EqualTo(new[] { "applied" }));
        Assert.That(await StatusAsOf("2021-11-30"), Is.EqualTo(new[] { "applied" }));
        Assert.That(await StatusAsOf("2022-01-01"), Is.EqualTo(new[] { "member" }));
        Assert.That(await Admin.ListAsync(Route, "asOf=2021-10-01&status=member"), Is.Empty);
        Assert.That(await Admin.ListAsync(Route, "status=member"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Status_changes_only_through_transitions_and_never_backdated_before_the_last()
    {
        var membership = await Admin.CreateAsync(Route, Membership("interested") with { Since = "2021-06-28" });
        await (await Admin.PatchAsync(Route, membership, """{"status": "member"}""")).FieldErrorAsync("status");
        await (await TransitionAsync(membership, new Transition("applied") { On = "2021-01-01" })).FieldErrorAsync("on");
        await (await TransitionAsync(membership, new Transition("interested"))).ProblemAsync(HttpStatusCode.Conflict);
        await (await TransitionAsync(membership, new Transition("expelled"))).FieldErrorAsync("to");
    }

    [TestCase("bodyId", "00000000-0000-0000-0000-000000000001", "bodyId")]
    [TestCase("organisationId", "00000000-0000-0000-0000-000000000001", "organisationId")]
    [TestCase("status", "friend", "status")]
    [TestCase("until", "2020-01-01", "until")]
    public async Task Rejects_invalid_memberships_naming_the_field(string field, string value, string path)
    {
        var body = RequestBody.Node(Membership("member") with { Since = "2021-01-01" });
        body[field] = value;
        await (await Admin.PostAsync(Route, body)).FieldErrorAsync(path);
    }

    [Test]
    public async Task Archives_and_restores()
    {
        var membership = await Admin.CreateAsync(Route, Membership("signatory"));
        var archived = await (await Admin.ArchiveAsync(Route, membership)).JsonAsync(HttpStatusCode.OK);
        Assert.That(await Admin.ListAsync(Route), Is.Empty);
        var restored = await (await Admin.RestoreAsync(Route, archived)).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)restored["bodyName"]!, Is.EqualTo("EU Internet Forum"));
    }

    private async Task<List<string>> StatusAsOf(string date)
        => (await Admin.ListAsync(Route, $"asOf={date}")).Select(m => (string)m["statusAsOf"]!).ToList();

    private NewMembership Membership(string status) => new(tiktok.Id(), forum.Id(), status);

    private Task<HttpResponseMessage> TransitionAsync(JsonObject membership, Transition transition) => Admin.TransitionAsync(Route, membership, transition);
}
