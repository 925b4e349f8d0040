using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class IdempotencyTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string DelayHeader = "X-Test-Delay-Ms";
    private readonly ManualClock clock = new();

    /// <summary>This class's host has a clock the tests move and a behaviour that can hold a command open for a while.</summary>
    protected override ApiHost CreateOwnHost(DatabaseProvider database) => new(database, services =>
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(SlowBehaviour<,>));
        services.Configure<StakeholderCrm.Api.Infrastructure.Http.IdempotencyOptions>(o => o.WaitSeconds = 2);
    });

    [Test]
    public async Task Fifty_concurrent_posts_with_one_key_create_one_record_and_all_get_the_same_201()
    {
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PostAsync(key, """{"name": "TikTok", "kind": "company"}""")));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created), string.Join("\n", bodies.Distinct()));
        Assert.That(bodies.Distinct().Count(), Is.EqualTo(1));
        Assert.That(responses.Select(r => r.Headers.Location!.ToString()).Distinct().Count(), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.Headers.Contains("Idempotent-Replayed")), Is.EqualTo(49));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.EqualTo(1));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes WHERE entity_type = 'organisation'"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_retry_replays_status_body_location_and_etag_without_writing()
    {
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(key, """{"name": "TikTok", "kind": "company"}""");
        var second = await PostAsync(key, """{"name": "TikTok", "kind": "company"}""");

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(second.Headers.Location, Is.EqualTo(first.Headers.Location));
        Assert.That(second.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(second.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM changes WHERE entity_type = 'organisation'"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_key_with_another_body_is_a_422()
    {
        var key = Guid.NewGuid().ToString();
        (await PostAsync(key, """{"name": "TikTok", "kind": "company"}""")).EnsureSuccessStatusCode();
        await (await PostAsync(key, """{"name": "Meta", "kind": "company"}""")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_failed_command_stores_nothing_so_its_retry_runs_for_real()
    {
        var existing = await Admin.CreateOrganisationAsync("TikTok");
        var key = Guid.NewGuid().ToString();
        await (await PostAsync(key, """{"name": "TikTok", "kind": "company"}""")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM idempotency_keys"), Is.Zero);

        (await Admin.ArchiveAsync(Routes.Organisations, existing)).EnsureSuccessStatusCode();
        var retry = await PostAsync(key, """{"name": "TikTok", "kind": "company"}""");
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retry.Headers.Contains("Idempotent-Replayed"), Is.False);
    }

    [Test]
    public async Task Keys_belong_to_their_caller_and_expire_after_24_hours()
    {
        var key = Guid.NewGuid().ToString();
        (await PostAsync(key, """{"name": "TikTok", "kind": "company"}""")).EnsureSuccessStatusCode();
        var other = await ClientWithRoleAsync("editor");
        var theirs = await other.SendAsync(Request(key, """{"name": "Meta", "kind": "company"}"""));
        Assert.That(theirs.StatusCode, Is.EqualTo(HttpStatusCode.Created), "another caller's key of the same value is theirs");

        clock.Advance(TimeSpan.FromHours(25));
        var reused = await PostAsync(key, """{"name": "Snap", "kind": "company"}""");
        Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.Created), "an expired key can be used again");
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM organisations"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_request_while_the_first_with_that_key_still_runs_past_the_wait_is_a_409()
    {
        var key = Guid.NewGuid().ToString();
        var slow = Request(key, """{"name": "TikTok", "kind": "company"}""");
        slow.Headers.Add(DelayHeader, "4000");
        var first = Admin.SendAsync(slow);
        await Task.Delay(300);
        await (await PostAsync(key, """{"name": "TikTok", "kind": "company"}""")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That((await first).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task A_key_that_is_too_long_is_a_400_naming_the_header()
        => await (await PostAsync(new string('k', 256), """{"name": "TikTok", "kind": "company"}""")).FieldErrorAsync("Idempotency-Key");

    private Task<HttpResponseMessage> PostAsync(string key, string json) => Admin.SendAsync(Request(key, json));

    private static HttpRequestMessage Request(string key, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Routes.Organisations) { Content = Requests.Json(json) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    public sealed class SlowBehaviour<TRequest, TResponse>(IHttpContextAccessor http) : IPipelineBehavior<TRequest, TResponse>
    {
        public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
        {
            if (int.TryParse(http.HttpContext?.Request.Headers[DelayHeader], out var delay)) await Task.Delay(delay, cancellationToken);
            return await next();
        }
    }
}
