using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// Handlers check a reference before they write, so a foreign key only refuses a row when the referred-to row goes
/// between the check and the write. A trigger stages that race: it deletes the parent just before the child goes in.
/// </summary>
public sealed class ForeignKeyViolationTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string ParentVanishes = """
        CREATE TRIGGER parent_vanishes BEFORE INSERT ON organisations WHEN NEW.parent_id IS NOT NULL
        BEGIN DELETE FROM organisations WHERE id = NEW.parent_id; END
        """;

    // The trigger is SQLite's; a host of its own keeps it away from every other test's database.
    protected override ApiHost? CreateOwnHost(DatabaseProvider database) => new(database);

    [SetUp]
    public async Task StageTheRace()
    {
        if (Provider != DatabaseProvider.Sqlite) Assert.Ignore("The race is staged with a SQLite trigger.");
        await using var connection = await Host.Services.GetRequiredService<ConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("DROP TRIGGER IF EXISTS parent_vanishes");
        await connection.ExecuteAsync(ParentVanishes);
    }

    [Test]
    public async Task A_reference_gone_between_check_and_write_is_a_409_problem_not_a_500()
    {
        var parent = await Admin.CreateOrganisationAsync("ByteDance Ltd");
        var problem = await (await Admin.PostAsync(Routes.Organisations, new NewOrganisation("TikTok") { ParentId = parent.Id() }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)problem["detail"]!, Does.Contain("refers to does not exist"));
        Assert.That(problem.ToJsonString(), Does.Not.Contain("FOREIGN KEY"), "the provider's message stays in the server");
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.EqualTo(1), "the failed write is rolled back");
    }

    [Test]
    public async Task In_an_independent_batch_it_fails_only_its_own_item_with_a_409()
    {
        var parent = await Admin.CreateOrganisationAsync("ByteDance Ltd");
        var result = await (await Admin.PostJsonAsync($"{Routes.Organisations}/batch?mode=independent", $$"""
            {"items": [{"name": "A", "kind": "ngo"}, {"name": "TikTok", "kind": "company", "parentId": "{{parent.Id()}}"}]}
            """)).JsonAsync(HttpStatusCode.OK);
        var items = result["items"]!.AsArray();
        Assert.That(items.Select(i => (int)i!["status"]!), Is.EqualTo(new[] { 201, 409 }));
        Assert.That(items[1]!["errors"]!["items[1]"]!.ToJsonString(), Does.Contain("refers to does not exist"));
    }
}
