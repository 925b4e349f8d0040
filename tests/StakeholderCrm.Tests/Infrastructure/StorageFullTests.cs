using System.Net.Http.Json;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// Issue 23: a full disk, simulated deterministically with SQLite's max_page_count (Database:SqliteMaxSizeMegabytes), is a
/// 507 problem and a degraded readiness, and the API recovers on its own once space is freed.
/// </summary>
public sealed class StorageFullTests
{
    [Test]
    public async Task A_full_database_is_a_507_and_degraded_readiness_and_writes_come_back_once_space_is_freed()
    {
        using var host = new ApiHost(DatabaseProvider.Sqlite, settings: new Dictionary<string, string> { ["Database:SqliteMaxSizeMegabytes"] = "1" });
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiHost.AdminKey);
        // Space the test frees later, as an operator would by deleting files on the volume.
        await TestDatabase.ExecuteAsync(host, "CREATE TABLE ballast (b BLOB); INSERT INTO ballast VALUES (zeroblob(200000));");

        var acknowledged = new List<string>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var response = await client.SendAsync(Create($"key-{i}", i));
            if (response.StatusCode == HttpStatusCode.Created) acknowledged.Add((await response.JsonAsync(HttpStatusCode.Created)).Id());
            else refused = response;
        }
        Assert.That(refused, Is.Not.Null, "the database filled up");
        var lastKey = $"key-{acknowledged.Count}";

        var retryAfter = refused!.Headers.RetryAfter?.Delta;
        var problem = await refused.ProblemAsync((HttpStatusCode)507);
        Assert.That((string)problem["type"]!, Is.EqualTo("/problems/insufficient-storage"));
        Assert.That((string)problem["detail"]!, Does.Contain("storage is full").And.Contain("nothing of this request was saved"));
        Assert.That(retryAfter, Is.GreaterThan(TimeSpan.Zero));
        var ready = await client.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var report = System.Text.Json.Nodes.JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.That(((string?)report["status"], (string?)report["checks"]?[0]?["name"]), Is.EqualTo(("Degraded", "database")));
        Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync($"/api/organisations/{acknowledged[0]}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads go on");

        await TestDatabase.ExecuteAsync(host, "DROP TABLE ballast;");
        var retried = await (await client.SendAsync(Create(lastKey, acknowledged.Count))).JsonAsync(HttpStatusCode.Created);
        var again = await (await client.SendAsync(Create(lastKey, acknowledged.Count))).JsonAsync(HttpStatusCode.Created);

        Assert.That(again.Id(), Is.EqualTo(retried.Id()), "the key's answer was kept once the write went through");
        Assert.That((await client.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "healthy again after a write, no restart");
        Assert.That(await TestDatabase.CountAsync(host, "SELECT COUNT(*) FROM organisations"), Is.EqualTo(acknowledged.Count + 1));
        Assert.That(await TestDatabase.CountAsync(host, "SELECT COUNT(*) FROM changes WHERE entity_type = 'organisation'"), Is.EqualTo(acknowledged.Count + 1));
    }

    private static HttpRequestMessage Create(string key, int i)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/organisations")
        {
            Content = JsonContent.Create(new { name = $"Filler {i:D3}", kind = "company", notes = new string((char)('a' + i % 26), 9000) }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
