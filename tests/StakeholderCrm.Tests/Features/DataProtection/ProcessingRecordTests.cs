using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StakeholderCrm.Tests.Features.DataProtection;

public sealed class ProcessingRecordTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = "/api/data-protection/record";

    [Test]
    public async Task Every_field_the_served_contract_marks_as_personal_data_is_in_the_categories()
    {
        var marked = MarkedFields(await ServedDocumentAsync(Client(apiKey: null)));
        var listed = Listed(await RecordAsync(Admin));

        Assert.That(marked, Is.Not.Empty);
        Assert.That(listed, Is.EquivalentTo(marked));
        Assert.That(listed, Is.SupersetOf(new[]
        {
            "ContactResponse.fullName", "ContactResponse.email", "ContactResponse.phone", "CreateContact.email", "Participant.fullName",
        }));
        Assert.That(listed, Has.None.EqualTo("ContactResponse.id"));
    }

    [Test]
    public async Task A_field_newly_marked_in_the_contract_appears_in_the_record()
    {
        using var host = new ApiHost(Provider, services => services.ConfigureSwaggerGen(o => o.SchemaFilter<WebsiteIsPersonalData>()));
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiHost.AdminKey);

        var marked = MarkedFields(await ServedDocumentAsync(client));
        var listed = Listed(await RecordAsync(client));

        Assert.That(marked, Does.Contain("OrganisationResponse.website"));
        Assert.That(listed, Is.EquivalentTo(marked));
    }

    [Test]
    public async Task Without_configuration_the_record_describes_the_commission_and_this_system()
    {
        var record = await RecordAsync(await ClientWithRoleAsync("reader"));

        Assert.That((string)record["controller"]!["name"]!, Does.Contain("European Commission"));
        Assert.That((string)record["dataProtectionOfficer"]!["contact"]!, Is.EqualTo("data-protection-officer@ec.europa.eu"));
        Assert.That(Strings(record["purposes"]), Has.Count.EqualTo(3).And.Some.Contains("interest representatives").And.Some.Contains("commitments"));
        Assert.That(Strings(record["dataSubjectCategories"]), Has.Some.Contains("Representatives of organisations").And.Some.Contains("own staff"));
        Assert.That(Strings(record["recipients"]), Is.Not.Empty);
        Assert.That((string)record["transfers"]!, Does.Contain("outside the EU/EEA"));
        Assert.That((int)record["retention"]!["inactiveContactYears"]!, Is.EqualTo(5));
        Assert.That((string)record["retention"]!["externalContacts"]!, Does.Contain("5 years"));
        Assert.That((string)record["retention"]!["ownStaff"]!, Does.Contain("position is current"));
        Assert.That(string.Join(" ", Strings(record["securityMeasures"])), Does.Contain("API key").And.Contain("JWT").And.Contain("scopes")
            .And.Contain("cleared").And.Contain("TLS").And.Contain("change feed").And.Contain("history").And.Contain("Backups"));
    }

    [Test]
    public async Task Configuration_replaces_the_defaults()
    {
        using var host = new ApiHost(Provider, settings: new Dictionary<string, string>
        {
            ["DataProtection:InactiveContactYears"] = "3",
            ["DataProtection:Record:ControllerName"] = "European Commission, DG CNECT, Unit F.2",
            ["DataProtection:Record:ControllerContact"] = "CNECT-F2@ec.europa.eu",
            ["DataProtection:Record:DataProtectionOfficerContact"] = "dpo@example.eu",
            ["DataProtection:Record:Purposes:0"] = "First purpose.",
            ["DataProtection:Record:Purposes:1"] = "Second purpose.",
            ["DataProtection:Record:Transfers"] = "To the United Kingdom, under an adequacy decision.",
        });
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiHost.AdminKey);

        var record = await RecordAsync(client);

        Assert.That((string)record["controller"]!["name"]!, Is.EqualTo("European Commission, DG CNECT, Unit F.2"));
        Assert.That((string)record["controller"]!["contact"]!, Is.EqualTo("CNECT-F2@ec.europa.eu"));
        Assert.That((string)record["dataProtectionOfficer"]!["contact"]!, Is.EqualTo("dpo@example.eu"));
        Assert.That(Strings(record["purposes"]), Is.EqualTo(new[] { "First purpose.", "Second purpose." }));
        Assert.That((string)record["transfers"]!, Is.EqualTo("To the United Kingdom, under an adequacy decision."));
        Assert.That((int)record["retention"]!["inactiveContactYears"]!, Is.EqualTo(3));
        Assert.That((string)record["retention"]!["externalContacts"]!, Does.Contain("3 years"));
        Assert.That(Strings(record["recipients"]), Is.Not.Empty, "what is not configured keeps its default");
    }

    [Test]
    public void Fewer_than_one_inactive_year_stops_the_start()
    {
        using var host = new ApiHost(Provider, settings: new Dictionary<string, string> { ["DataProtection:InactiveContactYears"] = "0" });

        var failure = Assert.Catch(() => host.CreateClient());
        Assert.That(failure!.ToString(), Does.Contain("DataProtection:InactiveContactYears must be 1 or more"));
    }

    [TestCase("0")]
    [TestCase("1001")]
    public void A_retention_batch_outside_1_to_1000_stops_the_start(string size)
    {
        using var host = new ApiHost(Provider, settings: new Dictionary<string, string> { ["DataProtection:RetentionBatchSize"] = size });

        var failure = Assert.Catch(() => host.CreateClient());
        Assert.That(failure!.ToString(), Does.Contain("DataProtection:RetentionBatchSize must be 1 to 1000"));
    }

    [Test]
    public async Task Without_a_key_the_record_is_a_401()
        => await (await Client(apiKey: null).GetAsync(Route)).ProblemAsync(HttpStatusCode.Unauthorized);

    private static async Task<JsonObject> RecordAsync(HttpClient client) => await (await client.GetAsync(Route)).JsonAsync(HttpStatusCode.OK);

    private static async Task<JsonNode> ServedDocumentAsync(HttpClient client) => JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(s => (string)s!).ToList();

    private static List<string> Listed(JsonObject record)
        => record["personalDataCategories"]!.AsArray()
            .SelectMany(c => c!["fields"]!.AsArray().Select(f => $"{(string)c["schema"]!}.{(string)f!}"))
            .ToList();

    /// <summary>Schema.field for each property of the document marked x-personal-data: true, as a client reads it.</summary>
    private static List<string> MarkedFields(JsonNode document)
        => document["components"]!["schemas"]!.AsObject()
            .SelectMany(schema => Properties(schema.Value!)
                .Where(p => p.Value?["x-personal-data"]?.GetValue<bool>() == true)
                .Select(p => $"{schema.Key}.{p.Key}"))
            .Distinct()
            .ToList();

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Properties(JsonNode schema)
        => (schema["properties"]?.AsObject() ?? [])
            .Concat((schema["allOf"]?.AsArray() ?? []).Where(part => part?["$ref"] is null).SelectMany(part => Properties(part!)));

    /// <summary>Marks one more field, as a developer adding [PersonalData] would.</summary>
    private sealed class WebsiteIsPersonalData : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is OpenApiSchema { Properties: { } properties } && properties.TryGetValue("website", out var website)
                && website is OpenApiSchema inline)
            {
                inline.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                inline.Extensions["x-personal-data"] = new JsonNodeExtension(JsonValue.Create(true));
            }
        }
    }
}
