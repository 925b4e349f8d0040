using System.Net;
using Microsoft.Extensions.Options;
using StakeholderCrm.Api.Features.Webhooks;

namespace StakeholderCrm.Tests.Features.Webhooks;

/// <summary>The SSRF rules, and their check at connection time, which catches a name that resolves elsewhere after it was saved.</summary>
public sealed class WebhookAddressTests
{
    [TestCase("127.0.0.1"), TestCase("10.1.2.3"), TestCase("172.16.0.1"), TestCase("172.31.255.255"), TestCase("192.168.0.1"), TestCase("169.254.169.254"),
     TestCase("100.64.0.1"), TestCase("0.0.0.0"), TestCase("::1"), TestCase("::"), TestCase("fd00:ec2::254"), TestCase("fe80::1"), TestCase("::ffff:10.0.0.1"),
     TestCase("64:ff9b::a9fe:a9fe"), TestCase("2002:a9fe:a9fe::1"), TestCase("::10.0.0.1"), TestCase("fec0::1"), TestCase("192.0.0.170"), TestCase("198.18.0.1")]
    public void Refuses_an_internal_address(string address) => Assert.That(WebhookAddresses.IsForbidden(IPAddress.Parse(address)), Is.True);

    [TestCase("203.0.113.10"), TestCase("172.32.0.1"), TestCase("100.128.0.1"), TestCase("8.8.8.8"), TestCase("2001:db8::1"), TestCase("64:ff9b::808:808"), TestCase("2002:808:808::1")]
    public void Allows_a_public_address(string address) => Assert.That(WebhookAddresses.IsForbidden(IPAddress.Parse(address)), Is.False);

    [Test]
    public async Task The_sending_handler_refuses_to_connect_to_a_forbidden_address_unless_the_host_is_allowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var refusing = new HttpClient(new WebhookAddresses(Options.Create(new WebhookOptions())).Handler());
        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => refusing.PostAsync(receiver.Url(), new StringContent("{}")));
        Assert.That(refusal!.Message + refusal.InnerException?.Message, Does.Contain("may not receive webhooks"));
        Assert.That(receiver.Received, Is.Empty);

        var allowing = new WebhookAddresses(Options.Create(new WebhookOptions { AllowedHosts = { "127.0.0.1" } }));
        using var allowed = new HttpClient(allowing.Handler());
        (await allowed.PostAsync(receiver.Url(), new StringContent("{}"))).EnsureSuccessStatusCode();
        Assert.That(receiver.Received, Has.Count.EqualTo(1));
    }
}
