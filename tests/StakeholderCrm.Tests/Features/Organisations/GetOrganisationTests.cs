using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Organisations;

public sealed class GetOrganisationTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Returns_the_organisation_with_its_etag()
    {
        var created = await Admin.CreateOrganisationAsync(new NewOrganisation("WeProtect Global Alliance") { Kind = "ngo" });
        var response = await Admin.GetAsync($"{Routes.Organisations}/{created["id"]}");
        var read = await response.JsonAsync(HttpStatusCode.OK);
        Assert.That((string)read["kind"]!, Is.EqualTo("ngo"));
        Assert.That(response.Headers.ETag!.Tag, Is.EqualTo("\"1\""));
    }

    [Test]
    public async Task An_unknown_id_is_a_404_problem()
    {
        var id = Guid.NewGuid();
        var problem = await (await Admin.GetAsync($"{Routes.Organisations}/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.That((string)problem["detail"]!, Does.Contain(id.ToString()));
    }

    [Test]
    public async Task A_reader_may_read()
    {
        var created = await Admin.CreateOrganisationAsync(new NewOrganisation("Tech Coalition") { Kind = "association" });
        var reader = await ClientWithRoleAsync("reader");
        (await reader.GetAsync($"{Routes.Organisations}/{created["id"]}")).EnsureSuccessStatusCode();
    }
}
