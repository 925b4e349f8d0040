using System.Net.Http.Json;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Webhooks;

/// <summary>Subscriptions through the admin API, on the shared host (https only, nothing delivered).</summary>
public sealed class WebhookSubscriptionTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = "/api/webhooks";
    // TEST-NET-3: a public address that needs no name to resolve.
    private const string PublicUrl = "https://203.0.113.10/hooks/crm";

    [Test]
    public async Task The_secret_is_shown_once_in_the_standard_webhooks_form_and_never_read_again()
    {
        var created = await Admin.CreateAsync(Route, new { url = PublicUrl, eventTypes = new[] { "engagement.created", "commitment.*" } });
        var secret = (string)created["secret"]!;

        Assert.That(secret, Does.StartWith("whsec_"));
        Assert.That(Convert.FromBase64String(secret["whsec_".Length..]), Has.Length.EqualTo(32));
        var read = await (await Admin.GetAsync($"{Route}/{created.Id()}")).Content.ReadAsStringAsync();
        var list = await (await Admin.GetAsync(Route)).Content.ReadAsStringAsync();
        Assert.That(read + list, Does.Not.Contain(secret[6..]).And.Not.Contain("secret\""));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM webhook_subscriptions WHERE secret_protected LIKE @Secret",
            new { Secret = $"%{secret[6..]}%" }), Is.Zero, "the secret is stored encrypted");
    }

    [Test]
    public async Task A_retry_with_its_idempotency_key_gets_the_secret_again_which_is_stored_encrypted()
    {
        async Task<JsonObject> SendAsync(string uri, object? body, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await (await Admin.SendAsync(request)).JsonAsync(body is null ? HttpStatusCode.OK : HttpStatusCode.Created);
        }
        var body = new { url = PublicUrl, eventTypes = new[] { "*" } };

        var created = await SendAsync(Route, body, "subscribe-1");
        var retried = await SendAsync(Route, body, "subscribe-1");
        var rotated = await SendAsync($"{Route}/{created.Id()}/rotate-secret", null, "rotate-1");
        var rotatedAgain = await SendAsync($"{Route}/{created.Id()}/rotate-secret", null, "rotate-1");

        Assert.That((retried.Id(), (string?)retried["secret"]), Is.EqualTo((created.Id(), (string?)created["secret"])));
        Assert.That((string?)rotatedAgain["secret"], Is.EqualTo((string?)rotated["secret"]).And.Not.EqualTo((string?)created["secret"]));
        foreach (var secret in new[] { (string)created["secret"]!, (string)rotated["secret"]! })
        {
            Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM idempotency_keys WHERE body LIKE @Secret",
                new { Secret = $"%{secret[6..16]}%" }), Is.Zero, "the stored answer holds the secret encrypted");
        }
    }

    [Test]
    public async Task Refuses_private_loopback_and_metadata_hosts_naming_url()
    {
        foreach (var url in new[] { "https://10.0.0.1/hook", "https://169.254.169.254/latest", "https://[fd00:ec2::254]/", "https://100.64.0.1/",
                     "https://192.168.1.10/hook", "https://localhost/hook", "https://[::1]/hook",
                     $"https://{string.Join('.', Enumerable.Repeat(new string('a', 60), 5))}.com/hook" })
        {
            await (await Admin.PostAsync(Route, new { url, eventTypes = new[] { "*" } })).FieldErrorAsync("url");
        }
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM webhook_subscriptions"), Is.Zero);
    }

    [Test]
    public async Task Refuses_http_unless_allowed_and_unknown_event_types()
    {
        await (await Admin.PostAsync(Route, new { url = "http://203.0.113.10/hook", eventTypes = new[] { "*" } })).FieldErrorAsync("url");
        await (await Admin.PostAsync(Route, new { url = PublicUrl, eventTypes = new[] { "engagement.exploded" } })).FieldErrorAsync("eventTypes[0]");
        await (await Admin.PostAsync(Route, new { url = PublicUrl, eventTypes = Array.Empty<string>() })).FieldErrorAsync("eventTypes");
    }

    [Test]
    public async Task A_patch_needs_if_match_and_checks_a_new_url_again()
    {
        var created = await Admin.CreateAsync(Route, new { url = PublicUrl, eventTypes = new[] { "*" }, description = "Sync" });
        await (await Admin.SendAsync(HttpMethod.Patch, $"{Route}/{created.Id()}", null, Requests.Json("""{"active": false}""", Requests.MergePatch)))
            .ProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await Admin.PatchAsync(Route, created, """{"url": "https://10.1.2.3/hook"}""")).FieldErrorAsync("url");

        var patched = await (await Admin.PatchAsync(Route, created, """{"active": false, "eventTypes": ["organisation.*"]}""")).JsonAsync(HttpStatusCode.OK);
        Assert.That((bool)patched["active"]!, Is.False);
        Assert.That(patched["eventTypes"]!.AsArray().Select(t => (string)t!), Is.EqualTo(new[] { "organisation.*" }));
        Assert.That((int)patched["version"]!, Is.EqualTo(2));
        await (await Admin.PatchAsync(Route, created, """{"active": true}""")).ProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task Rotation_returns_a_new_secret_and_delete_removes_the_subscription()
    {
        var created = await Admin.CreateAsync(Route, new { url = PublicUrl, eventTypes = new[] { "*" } });
        var rotated = await (await Admin.PostAsync($"{Route}/{created.Id()}/rotate-secret", null)).JsonAsync(HttpStatusCode.OK);
        Assert.That((string)rotated["secret"]!, Is.Not.EqualTo((string)created["secret"]!).And.StartWith("whsec_"));
        Assert.That((DateTimeOffset)rotated["previousSecretExpiresAt"]!, Is.GreaterThan(DateTimeOffset.UtcNow.AddHours(23)));

        Assert.That((await Admin.DeleteAsync($"{Route}/{created.Id()}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await Admin.GetAsync($"{Route}/{created.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Only_admins_manage_webhooks()
    {
        var editor = await ClientWithRoleAsync("editor");
        await (await editor.GetAsync(Route)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await editor.PostAsync(Route, new { url = PublicUrl, eventTypes = new[] { "*" } })).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
