using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Webhooks;

/// <summary>
/// Delivery to a real receiver on 127.0.0.1, which the settings allow, with a short poll and retries within a second:
/// the signature, retries with the same webhook-id, 410, Retry-After, order per entity, confidentiality and rotation.
/// </summary>
public sealed class WebhookDeliveryTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = "/api/webhooks";
    private WebhookReceiver receiver = null!;

    protected override ApiHost CreateOwnHost(DatabaseProvider database)
        => new(database, settings: WebhookReceiver.DeliveringSettings(("Webhooks:Timeout", "00:00:05")));

    [SetUp]
    public async Task StartReceiver() => receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiver() => await receiver.DisposeAsync();

    private async Task<JsonObject> SubscribeAsync(string path = "hook", bool cleared = false, params string[] eventTypes)
        => await Admin.CreateAsync(Route, new { url = receiver.Url(path), eventTypes = eventTypes.Length == 0 ? new[] { "*" } : eventTypes, cleared });

    [Test]
    public async Task An_event_is_signed_as_standard_webhooks_says_and_names_the_record()
    {
        var subscription = await SubscribeAsync();
        var organisation = await Admin.CreateOrganisationAsync("TikTok Technology Ltd");

        var webhook = (await receiver.WaitForAsync(r => r.Count >= 1, "organisation.created"))[0];
        Assert.That(WebhookReceiver.Verifies((string)subscription["secret"]!, webhook), Is.True, webhook.Signature);
        Assert.That(webhook.Id, Does.StartWith("msg_"));
        Assert.That(long.Parse(webhook.Timestamp), Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(30));
        var body = webhook.Json;
        Assert.That((string)body["type"]!, Is.EqualTo("organisation.created"));
        Assert.That((string)body["data"]!["id"]!, Is.EqualTo(organisation.Id()));
        Assert.That((string)body["data"]!["entityType"]!, Is.EqualTo("organisation"));
        Assert.That((int)body["data"]!["version"]!, Is.EqualTo(1));
        Assert.That((long)body["data"]!["changeSequence"]!, Is.Positive);
        Assert.That((string)body["data"]!["url"]!, Is.EqualTo($"/api/organisations/{organisation.Id()}"));
        Assert.That(WebhookReceiver.Verifies("whsec_" + Convert.ToBase64String(new byte[32]), webhook), Is.False);
    }

    [Test]
    public async Task A_change_of_status_is_a_transitioned_event_and_an_edit_an_updated_one()
    {
        await SubscribeAsync(eventTypes: ["commitment.transitioned", "commitment.updated"]);
        var tiktok = await Admin.CreateOrganisationAsync("TikTok Technology Ltd");
        var commitment = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Share hashes", tiktok.Id()) { Category = "dataSharing" });
        var open = await (await Admin.TransitionAsync(Routes.Commitments, commitment, new Transition("open"))).JsonAsync(HttpStatusCode.OK);
        await (await Admin.PatchAsync(Routes.Commitments, open, """{"description": "Hashes of terrorist content."}""")).JsonAsync(HttpStatusCode.OK);

        var received = await receiver.WaitForAsync(r => r.Count >= 2, "the transition and the edit");
        Assert.That(received.Select(w => (string)w.Json["type"]!), Is.EqualTo(new[] { "commitment.transitioned", "commitment.updated" }));
        Assert.That(received.Select(w => (int)w.Json["data"]!["version"]!), Is.EqualTo(new[] { 2, 3 }));
    }

    [Test]
    public async Task A_500_is_retried_with_the_same_webhook_id_until_a_200()
    {
        var subscription = await SubscribeAsync();
        receiver.Answer((500, null));
        await Admin.CreateOrganisationAsync("TikTok Technology Ltd");

        var received = await receiver.WaitForAsync(r => r.Count >= 2, "a retry");
        Assert.That(received[1].Id, Is.EqualTo(received[0].Id));
        var deliveries = await Admin.ListAsync($"{Route}/{subscription.Id()}/deliveries");
        await WaitAsync(async () => (await Admin.ListAsync($"{Route}/{subscription.Id()}/deliveries", "status=delivered")).Count == 1, "delivered");
        var delivery = (await Admin.ListAsync($"{Route}/{subscription.Id()}/deliveries")).Single();
        Assert.That((string)delivery["messageId"]!, Is.EqualTo(received[0].Id));
        Assert.That(delivery["attemptLog"]!.AsArray().Select(a => (int?)a!["statusCode"]), Is.EqualTo(new int?[] { 500, 200 }));
        Assert.That((string)delivery["attemptLog"]![0]!["error"]!, Does.Contain("500"));
        Assert.That(deliveries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_410_disables_the_subscription_with_the_reason()
    {
        var subscription = await SubscribeAsync();
        receiver.Answer((410, null));
        await Admin.CreateOrganisationAsync("TikTok Technology Ltd");

        await WaitAsync(async () => !(bool)(await Admin.ReadAsync(Route, subscription.Id()))["active"]!, "the subscription disabled");
        var disabled = await Admin.ReadAsync(Route, subscription.Id());
        Assert.That((string)disabled["disabledReason"]!, Does.Contain("410"));
        await Admin.CreateOrganisationAsync("ByteDance Ltd");
        await Task.Delay(300);
        Assert.That(receiver.Received, Has.Count.EqualTo(1), "nothing is sent to a disabled subscription");
    }

    [Test]
    public async Task Retry_after_on_a_503_is_honoured()
    {
        await SubscribeAsync();
        receiver.Answer((503, "1"));
        await Admin.CreateOrganisationAsync("TikTok Technology Ltd");

        var received = await receiver.WaitForAsync(r => r.Count >= 2, "the retry after Retry-After");
        Assert.That(received[1].At - received[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)), "the retry waits a second, not 100 ms");
        Assert.That(received[1].Id, Is.EqualTo(received[0].Id));
    }

    [Test]
    public async Task Events_about_one_record_arrive_in_order_even_when_the_first_is_retried()
    {
        await SubscribeAsync(eventTypes: "organisation.*");
        receiver.Answer((500, null), (500, null));
        var organisation = await Admin.CreateOrganisationAsync("TikTok Technology Ltd");
        var updated = await (await Admin.PatchAsync(Routes.Organisations, organisation, """{"notes": "One"}""")).JsonAsync(HttpStatusCode.OK);
        await (await Admin.PatchAsync(Routes.Organisations, updated, """{"notes": "Two"}""")).JsonAsync(HttpStatusCode.OK);

        var received = await receiver.WaitForAsync(r => r.Select(w => w.Id).Distinct().Count() >= 3, "three events");
        var firsts = received.GroupBy(w => w.Id).Select(g => g.First()).ToList();
        Assert.That(firsts.Select(w => w.Type), Is.EqualTo(new[] { "organisation.created", "organisation.updated", "organisation.updated" }));
        Assert.That(firsts.Select(w => (int)w.Json["data"]!["version"]!), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(received.Take(3).All(w => w.Type == "organisation.created"), Is.True, "the updates wait for the create's two retries");
    }

    [Test]
    public async Task A_failed_command_sends_no_event()
    {
        await SubscribeAsync();
        await Admin.CreateOrganisationAsync("TikTok Technology Ltd");
        await (await Admin.PostRawAsync("""{"name": "", "kind": "company"}""")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await Admin.PostRawAsync("""{"name": "TikTok Technology Ltd", "kind": "company"}""")).ProblemAsync(HttpStatusCode.Conflict);
        var last = await Admin.CreateOrganisationAsync("ByteDance Ltd");

        var received = await receiver.WaitForAsync(r => r.Any(w => w.EntityId == last.Id()), "the last create");
        Assert.That(received.Select(w => w.Type), Is.EqualTo(new[] { "organisation.created", "organisation.created" }));
        Assert.That(await TestDatabase.CountAsync(Host, "SELECT COUNT(*) FROM webhook_messages"), Is.EqualTo(2));
    }

    [Test]
    public async Task Events_about_sensitive_records_go_to_cleared_subscriptions_only()
    {
        var cleared = await SubscribeAsync("cleared", cleared: true, "engagement.created");
        var plain = await SubscribeAsync("plain", cleared: false, "engagement.created");
        var meeting = await SeedMeeting.RecordPeopleAsync(Admin);
        var sensitive = await Admin.CreateAsync(Routes.Engagements, meeting.Engagement() with { Confidentiality = "sensitive" });
        var open = await Admin.CreateAsync(Routes.Engagements, meeting.Engagement() with { Title = "Follow-up with TikTok" });

        await receiver.WaitForAsync(r => r.Count(w => w.Path == "cleared") >= 2 && r.Any(w => w.Path == "plain"), "both engagements");
        Assert.That(receiver.Received.Where(w => w.Path == "cleared").Select(w => w.EntityId), Is.EquivalentTo(new[] { sensitive.Id(), open.Id() }));
        var plainDeliveries = await Admin.ListAsync($"{Route}/{plain.Id()}/deliveries");
        Assert.That(plainDeliveries.Select(d => (string)d["payload"]!["data"]!["id"]!), Is.EqualTo(new[] { open.Id() }));
        Assert.That(receiver.Received.Where(w => w.Path == "plain").Select(w => w.EntityId), Has.No.Member(sensitive.Id()));
        Assert.That(cleared["cleared"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task A_subscription_no_longer_cleared_is_sent_no_queued_or_redelivered_sensitive_event()
    {
        var subscription = await SubscribeAsync("cleared", cleared: true, "engagement.created");
        receiver.Answer((503, "30"));
        var meeting = await SeedMeeting.RecordPeopleAsync(Admin);
        await Admin.CreateAsync(Routes.Engagements, meeting.Engagement() with { Confidentiality = "sensitive" });
        await receiver.WaitForAsync(r => r.Count >= 1, "the first attempt");

        await (await Admin.PatchAsync(Route, subscription, """{"cleared": false}""")).JsonAsync(HttpStatusCode.OK);

        var delivery = (await Admin.ListAsync($"{Route}/{subscription.Id()}/deliveries")).Single();
        Assert.That((string)delivery["status"]!, Is.EqualTo("abandoned"), "the queued retry is dropped");
        await (await Admin.PostAsync($"{Route}/{subscription.Id()}/deliveries/{delivery.Id()}/redeliver", null)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.That(receiver.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task After_a_rotation_both_signatures_are_sent()
    {
        var subscription = await SubscribeAsync();
        var rotated = await (await Admin.PostAsync($"{Route}/{subscription.Id()}/rotate-secret", null)).JsonAsync(HttpStatusCode.OK);
        await Admin.CreateOrganisationAsync("TikTok Technology Ltd");

        var webhook = (await receiver.WaitForAsync(r => r.Count >= 1, "an event"))[0];
        Assert.That(webhook.Signature.Split(' '), Has.Length.EqualTo(2));
        Assert.That(WebhookReceiver.Verifies((string)subscription["secret"]!, webhook), Is.True, "the old secret still verifies");
        Assert.That(WebhookReceiver.Verifies((string)rotated["secret"]!, webhook), Is.True, "the new secret verifies");
    }

    [Test]
    public async Task A_ping_reaches_its_subscription_alone_and_a_redelivery_repeats_the_webhook_id()
    {
        var subscription = await SubscribeAsync("one");
        await SubscribeAsync("other");
        var ping = await (await Admin.PostAsync($"{Route}/{subscription.Id()}/ping", null)).JsonAsync(HttpStatusCode.Accepted);
        var first = (await receiver.WaitForAsync(r => r.Count >= 1, "the ping"))[0];
        Assert.That(first.Type, Is.EqualTo("webhook.ping"));
        Assert.That(first.Path, Is.EqualTo("one"));

        await WaitAsync(async () => (await Admin.ListAsync($"{Route}/{subscription.Id()}/deliveries", "status=delivered")).Count == 1, "delivered");
        (await Admin.PostAsync($"{Route}/{subscription.Id()}/deliveries/{ping.Id()}/redeliver", null)).EnsureSuccessStatusCode();
        var again = await receiver.WaitForAsync(r => r.Count >= 2, "the redelivery");
        Assert.That(again[1].Id, Is.EqualTo(first.Id));
        Assert.That(again.Select(w => w.Path), Has.No.Member("other"));
    }

    [Test]
    public async Task Every_one_of_a_thousand_creates_arrives_once()
    {
        await SubscribeAsync(eventTypes: "organisation.created");
        var items = new JsonArray(Enumerable.Range(1, 1000).Select(i => (JsonNode)new JsonObject { ["name"] = $"Organisation {i}", ["kind"] = "ngo" }).ToArray());
        var batch = await (await Admin.PostAsync("/api/organisations/batch", Requests.Json(new JsonObject { ["items"] = items }.ToJsonString())))
            .JsonAsync(HttpStatusCode.OK);
        var created = batch["items"]!.AsArray().Select(item => (string?)item!["id"]).ToList();
        Assert.That(created, Has.Count.EqualTo(1000));

        var received = await receiver.WaitForAsync(r => r.Select(w => w.EntityId).Distinct().Count() >= 1000, "a thousand events", seconds: 90);
        Assert.That(received.Select(w => w.EntityId), Is.EquivalentTo(created));
        Assert.That(received.Select(w => w.Id).Distinct().Count(), Is.EqualTo(1000));
        Assert.That(received, Has.Count.EqualTo(1000), "none sent twice");
        Assert.That(received.All(w => w.Type == "organisation.created"), Is.True);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Waited 15 s for {what}.");
            await Task.Delay(50);
        }
    }
}
