using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Webhooks;

/// <summary>A receiver that fails for the whole retry window (here under half a second) has its subscription disabled, with the reason.</summary>
public sealed class WebhookRetryWindowTests(DatabaseProvider provider) : ApiTest(provider)
{
    protected override ApiHost CreateOwnHost(DatabaseProvider database)
        => new(database, settings: WebhookReceiver.DeliveringSettings(("Webhooks:RetryWindow", "00:00:00.400")));

    [Test]
    public async Task Failing_for_the_whole_retry_window_disables_the_subscription_with_the_reason()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer(Enumerable.Repeat<(int, string?)>((500, null), 50).ToArray());
        var subscription = await Admin.CreateAsync("/api/webhooks", new { url = receiver.Url(), eventTypes = new[] { "*" } });
        await Admin.CreateOrganisationAsync("TikTok Technology Ltd");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonObject read;
        while ((bool)(read = await Admin.ReadAsync("/api/webhooks", subscription.Id()))["active"]!)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("the subscription is still active after 15 s");
            await Task.Delay(50);
        }
        Assert.That((string)read["disabledReason"]!, Does.Contain("retry window").And.Contain("500"));
        var delivery = (await Admin.ListAsync($"/api/webhooks/{subscription.Id()}/deliveries")).Single();
        Assert.That((string)delivery["status"]!, Is.EqualTo("failed"));
        Assert.That(receiver.Received.Select(w => w.Id).Distinct().Count(), Is.EqualTo(1));
        Assert.That(receiver.Received, Has.Count.GreaterThanOrEqualTo(2));
    }
}
