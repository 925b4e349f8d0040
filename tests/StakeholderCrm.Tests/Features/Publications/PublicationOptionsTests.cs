using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Publications;

public sealed class PublicationOptionsTests(DatabaseProvider provider) : ApiTest(provider)
{
    [TestCase("maybe")]
    [TestCase("Warn")]
    [TestCase("")]
    public void A_policy_other_than_refuse_or_warn_stops_the_start(string policy)
    {
        using var host = new ApiHost(Provider, settings: new Dictionary<string, string> { ["Publication:UnregisteredPolicy"] = policy });

        var failure = Assert.Catch(() => host.CreateClient());
        Assert.That(failure!.ToString(), Does.Contain("Publication:UnregisteredPolicy must be refuse or warn"));
    }
}
