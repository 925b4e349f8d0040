using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class HealthTests(DatabaseProvider provider) : ApiTest(provider)
{
    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    [TestCase("/swagger/v1/swagger.json")]
    [TestCase("/swagger/index.html")]
    public async Task Is_open_without_a_key(string path)
    {
        var response = await Client(apiKey: null).GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Ready_reports_the_database_and_migrations()
    {
        var ready = await Client(apiKey: null).GetAsync("/health/ready");
        var report = System.Text.Json.Nodes.JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.That(((string?)report["status"], (string?)report["checks"]?[0]?["name"], (string?)report["checks"]?[0]?["description"]),
            Is.EqualTo(("Healthy", "database", "Database reachable; migrations applied.")));
        Assert.That(ready.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
    }
}
