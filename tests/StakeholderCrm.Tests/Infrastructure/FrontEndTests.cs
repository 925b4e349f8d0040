using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class FrontEndTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Origin = "https://crm.example.org";

    /// <summary>This class's host allows one browser origin, a burst of 20 requests per caller and 2 KiB bodies.</summary>
    protected override ApiHost CreateOwnHost(DatabaseProvider database) => new(database, settings: new Dictionary<string, string>
    {
        ["Cors:AllowedOrigins:0"] = Origin, ["RateLimit:Burst"] = "20", ["RateLimit:PermitsPerSecond"] = "1", ["Api:MaxRequestBodyBytes"] = "2048",
    });

    [Test]
    public async Task A_burst_past_the_limit_is_a_429_with_retry_after()
    {
        var client = await ClientWithRoleAsync("reader");
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++) responses.Add(await client.GetAsync(Routes.Organisations));

        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(int.Parse(limited.Headers.GetValues("Retry-After").Single()), Is.GreaterThanOrEqualTo(1));
        Assert.That(responses.Count(r => r.IsSuccessStatusCode), Is.InRange(20, 22), "the burst, plus what one second replenishes");
        (await Client(ApiHost.AdminKey).GetAsync("/health/live")).EnsureSuccessStatusCode();
        Assert.That(limited.Headers.GetValues("X-RateLimit-Limit").Single(), Is.EqualTo("20"));
        var notFound = await client.GetAsync($"{Routes.Organisations}/{Guid.NewGuid()}");
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        notFound = await client.GetAsync($"{Routes.Organisations}/{Guid.NewGuid()}");
        Assert.That(notFound.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(notFound.Headers.GetValues("X-RateLimit-Limit").Single(), Is.EqualTo("20"), "problems carry the header the contract documents");
    }

    [Test]
    public async Task Api_answers_are_never_stored_by_a_cache_and_never_sniffed()
    {
        foreach (var response in new[] { await Admin.GetAsync("/api/organisations"), await Client(apiKey: null).GetAsync("/api/organisations") })
        {
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, response.StatusCode.ToString());
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        }
        var contract = await Client(apiKey: null).GetAsync(ContractWalk.DocumentPath);
        Assert.That(contract.Headers.CacheControl?.NoStore ?? false, Is.False, "the public contract may be cached");
        Assert.That(contract.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
    }

    [Test]
    public async Task An_oversized_body_is_a_413_problem()
    {
        var body = $$"""{"name": "{{new string('x', 4000)}}", "kind": "company"}""";
        await (await Admin.PostRawAsync(body)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task A_preflight_from_an_allowed_origin_is_answered_and_headers_are_exposed()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, Routes.Organisations);
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key,idempotency-key");
        var answer = await Client(apiKey: null).SendAsync(preflight);
        Assert.That((int)answer.StatusCode, Is.InRange(200, 204));
        Assert.That(answer.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo(Origin));

        var request = new HttpRequestMessage(HttpMethod.Get, Routes.Organisations);
        request.Headers.Add("Origin", Origin);
        var response = await Admin.SendAsync(request);
        Assert.That(response.Headers.GetValues("Access-Control-Expose-Headers").Single(),
            Does.Contain("ETag").And.Contain("Retry-After").And.Contain("Location"));

        var failing = new HttpRequestMessage(HttpMethod.Get, $"{Routes.Organisations}/{Guid.NewGuid()}");
        failing.Headers.Add("Origin", Origin);
        var problem = await Admin.SendAsync(failing);
        Assert.That(problem.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(problem.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo(Origin), "a browser can read problems too");

        var stranger = new HttpRequestMessage(HttpMethod.Get, Routes.Organisations);
        stranger.Headers.Add("Origin", "https://elsewhere.example");
        Assert.That((await Admin.SendAsync(stranger)).Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task If_none_match_with_the_current_etag_is_a_304()
    {
        var organisation = await Admin.CreateOrganisationAsync("TikTok");
        var current = new HttpRequestMessage(HttpMethod.Get, $"{Routes.Organisations}/{organisation.Id()}");
        current.Headers.TryAddWithoutValidation("If-None-Match", "\"1\"");
        var notModified = await Admin.SendAsync(current);
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await notModified.Content.ReadAsStringAsync(), Is.Empty);

        var stale = new HttpRequestMessage(HttpMethod.Get, $"{Routes.Organisations}/{organisation.Id()}");
        stale.Headers.TryAddWithoutValidation("If-None-Match", "\"0\"");
        Assert.That((await Admin.SendAsync(stale)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

public sealed class DefaultCorsTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task No_origin_is_allowed_by_default()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Routes.Organisations);
        request.Headers.Add("Origin", "https://crm.example.org");
        var response = await Admin.SendAsync(request);
        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }
}
