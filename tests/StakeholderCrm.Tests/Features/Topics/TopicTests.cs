using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Topics;

public sealed class TopicTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Topics;

    [Test]
    public async Task Creates_reads_and_lists_topics_under_a_parent()
    {
        var childSafety = await Admin.CreateAsync(Route, new NewTopic("Child safety"));
        var csa = await Admin.CreateAsync(Route, new NewTopic("Child sexual abuse online") { ParentId = childSafety.Id(), Description = "CSAM, grooming" });
        await Admin.CreateAsync(Route, new NewTopic("Terrorist content online (TCO Regulation)"));

        Assert.That((string)(await Admin.ReadAsync(Route, csa.Id()))["parentId"]!, Is.EqualTo(childSafety.Id()));
        Assert.That((await Admin.ListAsync(Route)).Select(t => (string)t["name"]!),
            Is.EqualTo(new[] { "Child safety", "Child sexual abuse online", "Terrorist content online (TCO Regulation)" }));
        Assert.That((await Admin.ListAsync(Route, $"parentId={childSafety.Id()}")).Select(t => t.Id()), Is.EqualTo(new[] { csa.Id() }));
        Assert.That((await Admin.ListAsync(Route, "q=tco")).Select(t => (string)t["name"]!), Is.EqualTo(new[] { "Terrorist content online (TCO Regulation)" }));
    }

    [Test]
    public async Task A_duplicate_live_name_ignoring_case_is_a_conflict_naming_it()
    {
        var first = await Admin.CreateAsync(Route, new NewTopic("Disinformation"));
        var problem = await (await Admin.PostJsonAsync(Route, """{"name": "DISINFORMATION"}""")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)problem["conflictingId"]!, Is.EqualTo(first.Id()));
    }

    [TestCase("""{"description": "x"}""", "name")]
    [TestCase("""{"name": "x", "parentId": "00000000-0000-0000-0000-000000000001"}""", "parentId")]
    [TestCase("""{"name": "x", "colour": "red"}""", "colour")]
    public async Task Rejects_invalid_topics_naming_the_field(string body, string field)
        => await (await Admin.PostJsonAsync(Route, body)).FieldErrorAsync(field);

    [Test]
    public async Task A_parent_cycle_is_a_conflict()
    {
        var parent = await Admin.CreateAsync(Route, new NewTopic("Online safety"));
        var child = await Admin.CreateAsync(Route, new NewTopic("Child safety") { ParentId = parent.Id() });
        await (await Admin.PatchAsync(Route, parent, $$"""{"parentId": "{{child.Id()}}"}""")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Patches_with_if_match_and_refuses_a_stale_one()
    {
        var topic = await Admin.CreateAsync(Route, new NewTopic("Recommender systems"));
        var patched = await (await Admin.PatchAsync(Route, topic, """{"description": "How feeds choose videos"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)patched["description"]!, Is.EqualTo("How feeds choose videos"));
        await (await Admin.PatchAsync(Route, topic, """{"description": "stale"}""")).ProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task Archives_and_restores()
    {
        var topic = await Admin.CreateAsync(Route, new NewTopic("Illegal hate speech"));
        var archived = await (await Admin.ArchiveAsync(Route, topic)).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)archived["archived"]!, Is.True);
        Assert.That(await Admin.ListAsync(Route), Is.Empty);
        Assert.That(await Admin.ListAsync(Route, "includeArchived=true"), Has.Count.EqualTo(1));
        var restored = await (await Admin.RestoreAsync(Route, archived)).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)restored["archived"]!, Is.False);
    }
}
