using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Bodies;

public sealed class BodyTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Bodies;

    [Test]
    public async Task Records_lists_and_refuses_a_duplicate_live_name()
    {
        var home = await Admin.CreateOrganisationAsync(NewOrganisation.OwnUnit("DG HOME"));
        var forum = await Admin.CreateAsync(Route,
            new NewBody("EU Internet Forum", "forum") { ConvenerId = home.Id(), Website = "https://home-affairs.ec.europa.eu" });
        await Admin.CreateAsync(Route, new NewBody("WeProtect Global Alliance", "alliance"));
        Assert.That((string)forum["convenerId"]!, Is.EqualTo(home.Id()));
        Assert.That((await Admin.ListAsync(Route, "kind=forum")).Select(b => b.Id()), Is.EqualTo(new[] { forum.Id() }));
        Assert.That((await Admin.ListAsync(Route, "q=weprotect")).Select(b => (string)b["name"]!), Is.EqualTo(new[] { "WeProtect Global Alliance" }));

        var problem = await (await Admin.PostJsonAsync(Route, """{"name": "eu internet forum", "kind": "forum"}""")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)problem["conflictingId"]!, Is.EqualTo(forum.Id()));
    }

    [TestCase("""{"name": "X"}""", "kind")]
    [TestCase("""{"name": "X", "kind": "club"}""", "kind")]
    [TestCase("""{"name": "X", "kind": "forum", "convenerId": "00000000-0000-0000-0000-000000000001"}""", "convenerId")]
    [TestCase("""{"name": "X", "kind": "forum", "website": "forum"}""", "website")]
    public async Task Rejects_invalid_bodies_naming_the_field(string body, string field)
        => await (await Admin.PostJsonAsync(Route, body)).FieldErrorAsync(field);

    [Test]
    public async Task Archives_and_restores()
    {
        var body = await Admin.CreateAsync(Route, new NewBody("Tech Coalition", "alliance"));
        var archived = await (await Admin.ArchiveAsync(Route, body)).JsonAsync(HttpStatusCode.OK);
        Assert.That(await Admin.ListAsync(Route), Is.Empty);
        var patched = await (await Admin.RestoreAsync(Route, archived)).JsonAsync(HttpStatusCode.OK);
        var renamed = await (await Admin.PatchAsync(Route, patched, """{"description": "Industry alliance against online CSEA"}"""))
            .JsonAsync(HttpStatusCode.OK);
        Assert.That((int)renamed["version"]!, Is.EqualTo(4));
    }
}
