using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Contacts;

public sealed class ContactTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Contacts;

    [Test]
    public async Task Creates_a_representative_with_their_current_title_derived_from_the_open_position()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var response = await Admin.PostAsync(Route, new NewContact("Caroline Greer")
        {
            Email = "caroline.greer@tiktok.com", Phone = "+353 1 234 5678",
            Positions = [new NewPosition(tiktok.Id()) { Title = "Director, Public Policy & Government Relations", From = "2020-03-01" }],
        });
        var contact = await response.JsonAsync(HttpStatusCode.Created);

        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"{Route}/{contact.Id()}"));
        Assert.That((string)contact["currentOrganisationId"]!, Is.EqualTo(tiktok.Id()));
        Assert.That((string)contact["currentTitle"]!, Is.EqualTo("Director, Public Policy & Government Relations"));
        Assert.That((string)contact["positions"]![0]!["from"]!, Is.EqualTo("2020-03-01"));
        Assert.That(JsonNode.DeepEquals(await Admin.ReadAsync(Route, contact.Id()), contact), Is.True);
    }

    [Test]
    public async Task Creating_a_contact_with_many_positions_and_external_ids_costs_the_same_sql_commands_as_with_one()
    {
        var organisations = new List<string>();
        for (var i = 0; i < 5; i++) organisations.Add((await Admin.CreateOrganisationAsync($"Employer {i}")).Id());
        var one = new { fullName = "A", positions = new[] { new { organisationId = organisations[0], from = (string?)"2020-01-01", to = (string?)null } } };
        var many = new
        {
            fullName = "Anne-Marie van der Berg-Łukasiewicz", email = "anne-marie@example.org",
            positions = organisations.Select((o, i) => new { organisationId = o, from = (string?)$"201{i}-01-01", to = i < 4 ? $"201{i}-12-31" : null })
                .ToArray(),
            externalIds = Enumerable.Range(0, 5).Select(i => new { system = "crm", id = $"c-{i}" }).ToArray(),
        };

        var costOfOne = await DatabaseCommands.CountAsync(() => Admin.PostAsJsonAsync(Route, one));
        var costOfMany = await DatabaseCommands.CountAsync(() => Admin.PostAsJsonAsync(Route, many));

        Assert.That(costOfMany, Is.EqualTo(costOfOne));
        Assert.That((await Admin.ListAsync(Route, $"organisationId={organisations[2]}&anyTime=true")).Select(c => (string)c["fullName"]!),
            Is.EqualTo(new[] { many.fullName }), "every position was written");
        Assert.That((await Admin.ListAsync(Route, $"q={Uri.EscapeDataString("łukasiewicz")}")).Select(c => (string)c["fullName"]!),
            Is.EqualTo(new[] { many.fullName }));
    }

    [Test]
    public async Task A_job_change_moves_the_current_organisation()
    {
        var musically = await Admin.CreateOrganisationAsync("Musical.ly");
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var contact = await Admin.CreateAsync(Route, new NewContact("Alexandra Evans")
        {
            Positions = [new NewPosition(musically.Id()) { Title = "Safety lead", From = "2017-01-01" }],
        });

        var moved = await (await Admin.PatchAsync(Route, contact, $$"""
            {"positions": [
                {"organisationId": "{{musically.Id()}}", "title": "Safety lead", "from": "2017-01-01", "to": "2019-12-31"},
                {"organisationId": "{{tiktok.Id()}}", "title": "Head of Child Safety Public Policy, Europe", "from": "2020-01-01"}]}
            """)).JsonAsync(HttpStatusCode.OK);

        Assert.That((string)moved["currentOrganisationId"]!, Is.EqualTo(tiktok.Id()));
        Assert.That((string)moved["currentTitle"]!, Is.EqualTo("Head of Child Safety Public Policy, Europe"));
        Assert.That((await Admin.ListAsync(Route, $"organisationId={musically.Id()}")), Is.Empty);
        Assert.That((await Admin.ListAsync(Route, $"organisationId={musically.Id()}&anyTime=true")).Select(c => c.Id()), Is.EqualTo(new[] { contact.Id() }));
        Assert.That((await Admin.ListAsync(Route, $"organisationId={tiktok.Id()}")).Select(c => c.Id()), Is.EqualTo(new[] { contact.Id() }));
    }

    [Test]
    public async Task Overlapping_positions_at_one_organisation_are_refused()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var response = await Admin.PostAsync(Route, new NewContact("A")
        {
            Positions = [new NewPosition(tiktok.Id()) { From = "2019-01-01", To = "2020-06-30" }, new NewPosition(tiktok.Id()) { From = "2020-06-01" }],
        });
        await response.FieldErrorAsync("positions[1]");
    }

    [TestCase("""{"email": "a@b.org"}""", "fullName")]
    [TestCase("""{"fullName": "A", "email": "not-an-address"}""", "email")]
    [TestCase("""{"fullName": "A", "phone": "call me"}""", "phone")]
    [TestCase("""{"fullName": "A", "positions": [{"organisationId": "00000000-0000-0000-0000-000000000001"}]}""", "positions[0].organisationId")]
    [TestCase("""{"fullName": "A", "positions": [{"organisationId": "00000000-0000-0000-0000-000000000000"}]}""", "positions[0].organisationId")]
    [TestCase("""{"fullName": "A", "positions": [{"organisationId": "00000000-0000-0000-0000-000000000001", "from": "2021-13-01"}]}""", "positions[0].from")]
    public async Task Rejects_invalid_contacts_naming_the_field(string body, string field)
        => await (await Admin.PostJsonAsync(Route, body)).FieldErrorAsync(field);

    [Test]
    public async Task An_end_before_the_start_is_refused_naming_it()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        await (await Admin.PostAsync(Route, new NewContact("A") { Positions = [new NewPosition(tiktok.Id()) { From = "2021-01-01", To = "2020-01-01" }] }))
            .FieldErrorAsync("positions[0].to");
    }

    [Test]
    public async Task Lists_by_name_email_and_internal_side()
    {
        var cabinet = await Admin.CreateOrganisationAsync(NewOrganisation.OwnUnit("Cabinet of Commissioner Johansson"));
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        await Admin.CreateAsync(Route, new NewContact("Monika Maglione") { Positions = [new NewPosition(cabinet.Id()) { Title = "Member of Cabinet" }] });
        await Admin.CreateAsync(Route, new NewContact("Caroline Greer") { Email = "cgreer@tiktok.com", Positions = [new NewPosition(tiktok.Id())] });

        Assert.That((await Admin.ListAsync(Route, "internal=true")).Select(c => (string)c["fullName"]!), Is.EqualTo(new[] { "Monika Maglione" }));
        Assert.That((await Admin.ListAsync(Route, "internal=false")).Select(c => (string)c["fullName"]!), Is.EqualTo(new[] { "Caroline Greer" }));
        Assert.That((await Admin.ListAsync(Route, "q=maglione")).Select(c => (string)c["fullName"]!), Is.EqualTo(new[] { "Monika Maglione" }));
        Assert.That((await Admin.ListAsync(Route, "q=cgreer%40tiktok.com")).Select(c => (string)c["fullName"]!), Is.EqualTo(new[] { "Caroline Greer" }));
        Assert.That((await Admin.ListAsync(Route, "sort=-fullName")).Select(c => (string)c["fullName"]!),
            Is.EqualTo(new[] { "Monika Maglione", "Caroline Greer" }));
    }

    [Test]
    public async Task Archives_restores_and_needs_if_match()
    {
        var contact = await Admin.CreateAsync(Route, new NewContact("Laurent Muschel"));
        await (await Admin.PatchAsync($"{Route}", new JsonObject { ["id"] = contact.Id(), ["version"] = 9 }, """{"notes": "x"}"""))
            .ProblemAsync(HttpStatusCode.PreconditionFailed);
        var archived = await (await Admin.ArchiveAsync(Route, contact)).JsonAsync(HttpStatusCode.OK);
        Assert.That(await Admin.ListAsync(Route), Is.Empty);
        Assert.That((bool)(await Admin.ReadAsync(Route, contact.Id()))["archived"]!, Is.True);
        await (await Admin.RestoreAsync(Route, archived)).JsonAsync(HttpStatusCode.OK);
        Assert.That(await Admin.ListAsync(Route), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Personal_data_fields_are_marked_in_the_contract()
    {
        var document = JsonNode.Parse(await Client(apiKey: null).GetStringAsync("/swagger/v1/swagger.json"))!;
        var properties = document["components"]!["schemas"]!["ContactResponse"]!["properties"]!;
        foreach (var field in new[] { "fullName", "email", "phone", "positions", "currentTitle" })
        {
            Assert.That((bool?)properties[field]!["x-personal-data"], Is.True, field);
        }
        Assert.That(properties["id"]!["x-personal-data"], Is.Null);
    }
}
