using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.ApiKeys;

public sealed class ApiKeyTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.ApiKeys;

    [Test]
    public async Task No_key_is_a_401_problem_with_a_challenge()
    {
        var response = await Client(apiKey: null).GetAsync(Routes.Organisations);
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("X-Api-Key"));
    }

    [Test]
    public async Task A_retried_issue_gets_the_same_working_secret_which_the_idempotency_store_holds_encrypted()
    {
        async Task<JsonObject> IssueAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = Requests.Json("""{"name": "sync", "role": "reader"}""") };
            request.Headers.Add("Idempotency-Key", "issue-sync-key");
            return await (await Admin.SendAsync(request)).JsonAsync(HttpStatusCode.Created);
        }

        var issued = await IssueAsync();
        var retried = await IssueAsync();
        var secret = (string)issued["secret"]!;

        Assert.That((retried.Id(), (string?)retried["secret"]), Is.EqualTo((issued.Id(), secret)));
        (await Client(secret).GetAsync(Routes.Organisations)).EnsureSuccessStatusCode();
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM idempotency_keys WHERE body LIKE @Secret", new { Secret = $"%{secret}%" }),
            Is.Zero);
    }

    [Test]
    public async Task An_unknown_key_is_a_401()
        => await (await Client("sck_made-up").GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Unauthorized);

    [Test]
    public async Task A_reader_can_read_but_a_post_is_a_403_that_writes_nothing()
    {
        var reader = await ClientWithRoleAsync("reader");
        (await reader.GetAsync(Routes.Organisations)).EnsureSuccessStatusCode();
        await (await reader.PostRawAsync("""{"name": "TikTok", "kind": "company"}""")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.Zero);
    }

    [Test]
    public async Task An_editor_writes_but_cannot_manage_keys()
    {
        var editor = await ClientWithRoleAsync("editor");
        await editor.CreateOrganisationAsync("TikTok");
        await (await editor.GetAsync(Route)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_revoked_key_is_a_401_at_once()
    {
        var created = await (await Admin.PostAsync(Route, new NewApiKey("integration", "editor"))).JsonAsync(HttpStatusCode.Created);
        var client = Client((string)created["secret"]!);
        (await client.GetAsync(Routes.Organisations)).EnsureSuccessStatusCode();

        var revoke = await Admin.DeleteAsync($"{Route}/{created["id"]}");
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await client.GetAsync(Routes.Organisations)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_bootstrap_key_enters_the_change_feed_in_the_shape_of_any_other_key()
    {
        await (await Admin.PostAsync(Route, new NewApiKey("integration", "reader"))).JsonAsync(HttpStatusCode.Created);
        var feed = await (await Admin.GetAsync("/api/changes?entityType=apiKey")).JsonAsync(HttpStatusCode.OK);
        var shapes = feed["items"]!.AsArray().Select(entry => string.Join(",", entry!["data"]!.AsObject().Select(p => p.Key).Order())).ToList();
        Assert.That(shapes, Has.Count.EqualTo(2));
        Assert.That(shapes.Distinct(), Has.Exactly(1).Items, string.Join(" | ", shapes));
    }

    [Test]
    public async Task The_secret_is_shown_once_and_only_its_hash_is_stored()
    {
        var created = await (await Admin.PostAsync(Route, new NewApiKey("integration", "reader"))).JsonAsync(HttpStatusCode.Created);
        var secret = (string)created["secret"]!;
        var list = await (await Admin.GetAsync(Route)).JsonAsync(HttpStatusCode.OK);

        Assert.That(list.ToJsonString(), Does.Not.Contain(secret));
        Assert.That(list["items"]!.AsArray().Select(k => (string)k!["name"]!), Is.EquivalentTo(new[] { "bootstrap-admin", "integration" }));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM api_keys WHERE secret_hash = @Secret", new { Secret = secret }), Is.Zero);
    }

    [Test]
    public async Task A_second_live_key_with_the_same_name_is_a_conflict()
    {
        var first = await (await Admin.PostAsync(Route, new NewApiKey("sync", "reader"))).JsonAsync(HttpStatusCode.Created);
        var problem = await (await Admin.PostAsync(Route, new NewApiKey("sync", "editor"))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((string)problem["conflictingId"]!, Is.EqualTo((string)first["id"]!));
    }

    [TestCase("""{"name": "x", "role": "superuser"}""", "role")]
    [TestCase("""{"role": "reader"}""", "name")]
    [TestCase("""{"name": "x"}""", "role")]
    public async Task Rejects_an_invalid_key_request(string body, string field)
        => await (await Admin.PostAsync(Route, Requests.Json(body))).FieldErrorAsync(field);

    [Test]
    public async Task Revoking_an_unknown_key_is_a_404()
        => await (await Admin.DeleteAsync($"{Route}/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
}
