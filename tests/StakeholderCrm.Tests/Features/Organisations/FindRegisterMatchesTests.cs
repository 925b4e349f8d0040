using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Organisations;

/// <summary>Register entries suggested for an organisation by name, alias or acronym, and website (issue 20).</summary>
public sealed class FindRegisterMatchesTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Suggests_entries_by_name_acronym_and_website_saying_what_matched()
    {
        await (await Admin.ImportAsync(RegisterXml.File("2026-01-01",
            RegisterXml.Entry(RegisterXml.Code(1), "Example Platform Ltd"),
            RegisterXml.Entry(RegisterXml.Code(2), "European Platform League", "EPL"),
            RegisterXml.Entry(RegisterXml.Code(3), "Unrelated Foundation")))).JsonAsync(HttpStatusCode.OK);
        var organisation = await Admin.CreateOrganisationAsync(new NewOrganisation("Example Platform Ltd") { Aliases = ["EPL"] });

        var matches = (await (await Admin.GetAsync($"{Routes.Organisations}/{organisation.Id()}/register-matches")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();

        Assert.That(matches.Select(m => ((string)m!["entry"]!["identificationCode"]!, string.Join(",", m["matchedOn"]!.AsArray().Select(r => (string)r!)))),
            Is.EqualTo(new[] { (RegisterXml.Code(2), "acronym"), (RegisterXml.Code(1), "name") }));
    }

    [Test]
    public async Task Suggests_an_entry_by_its_website_host_without_www()
    {
        await (await Admin.ImportAsync(RegisterXml.File("2026-01-01",
            RegisterXml.Entry(RegisterXml.Code(1), "Example Platform Ltd", website: "http://platform.example.com"),
            RegisterXml.Entry(RegisterXml.Code(2), "Other Ltd", website: "https://example.com"))))
            .JsonAsync(HttpStatusCode.OK);
        var organisation = await Admin.CreateOrganisationAsync(new NewOrganisation("Something Else") { Website = "https://www.platform.example.com/en" });

        var matches = (await (await Admin.GetAsync($"{Routes.Organisations}/{organisation.Id()}/register-matches")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray();

        Assert.That(matches.Select(m => (string)m!["entry"]!["identificationCode"]!), Is.EqualTo(new[] { RegisterXml.Code(1) }));
        Assert.That(matches[0]!["matchedOn"]!.AsArray().Select(r => (string)r!), Is.EqualTo(new[] { "website" }));
    }

    [Test]
    public async Task An_unknown_organisation_is_a_404()
        => await (await Admin.GetAsync($"{Routes.Organisations}/{Guid.NewGuid()}/register-matches")).JsonAsync(HttpStatusCode.NotFound);
}
