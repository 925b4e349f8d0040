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
        var body = await (await Client(apiKey: null).GetAsync("/health/ready")).Content.ReadAsStringAsync();
        Assert.That(body, Is.EqualTo("Healthy"));
    }
}
