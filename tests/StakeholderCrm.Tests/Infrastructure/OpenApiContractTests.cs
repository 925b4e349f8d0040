using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.OpenApi;

namespace StakeholderCrm.Tests.Infrastructure;

public sealed class OpenApiContractTests(DatabaseProvider provider) : ApiTest(provider)
{
    public const string RefreshCommand = "dotnet run --project src/StakeholderCrm.Api -- openapi api-spec/openapi.json";

    [Test]
    public async Task The_served_document_equals_the_committed_contract()
    {
        var served = JsonNode.Parse(await Client(apiKey: null).GetStringAsync("/swagger/v1/swagger.json"));
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("api-spec", "openapi.json")));
        Assert.That(JsonNode.DeepEquals(served, committed), Is.True,
            $"api-spec/openapi.json is out of date. Review the change, then refresh it with: {RefreshCommand}");
    }

    [Test]
    public async Task Every_request_body_shows_the_fields_it_takes()
    {
        var document = JsonNode.Parse(await Client(apiKey: null).GetStringAsync("/swagger/v1/swagger.json"))!;
        var bodies = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key.ToUpperInvariant()} {path.Key}", Operation: op.Value!)))
            .SelectMany(op => op.Operation["requestBody"]?["content"]?.AsObject()
                .Select(media => (Name: $"{op.Name} {media.Key}", Schema: media.Value!["schema"]!)) ?? [])
            .ToList();
        Assert.That(bodies, Has.Count.GreaterThanOrEqualTo(39));
        Assert.That(bodies.Where(b => b.Schema["$ref"] is null && b.Schema["type"] is null).Select(b => b.Name), Is.Empty, "bodies documented as any value");

        var schemas = document["components"]!["schemas"]!;
        var batch = document["paths"]!["/api/organisations/batch"]!["post"]!;
        var batchOf = schemas[Reference(batch["requestBody"]!["content"]!["application/json"]!["schema"]!)]!;
        Assert.That(Reference(batchOf["properties"]!["items"]!["items"]!), Is.EqualTo("CreateOrganisation"));
        var mode = batch["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "mode")!["schema"]!;
        Assert.That(mode["enum"]!.AsArray().Select(v => (string)v!), Is.EqualTo(new[] { "atomic", "independent" }));

        var patchBody = document["paths"]!["/api/organisations/{id}"]!["patch"]!["requestBody"]!["content"]!["application/merge-patch+json"]!["schema"]!;
        Assert.That(Reference(patchBody), Is.EqualTo("OrganisationPatch"), "a patch body has a name of its own, for generated clients");
        var patch = schemas["OrganisationPatch"]!;
        Assert.That(patch["properties"]!.AsObject().Select(p => p.Key), Does.Contain("name").And.Contain("aliases"));
        Assert.That(patch["required"], Is.Null, "a merge patch sends only what changes");
        Assert.That(patch["properties"]!["website"]!["nullable"]?.GetValue<bool>(), Is.True, "null clears the website");
        Assert.That(patch["properties"]!["name"]!["nullable"], Is.Null, "a name cannot be cleared");
    }

    [Test]
    public async Task Every_property_that_can_be_null_is_documented_as_nullable()
    {
        var document = JsonNode.Parse(await Client(apiKey: null).GetStringAsync("/swagger/v1/swagger.json"))!;
        var types = typeof(Program).Assembly.GetTypes().Where(t => t.IsPublic).GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());
        var nullability = new System.Reflection.NullabilityInfoContext();
        var undocumented = new List<string>();
        var checkedProperties = 0;
        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
        {
            if (!types.TryGetValue(name, out var type) || schema!["properties"] is not JsonObject properties) continue;
            foreach (var property in type.GetProperties())
            {
                var json = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (properties[json] is not { } documented) continue;
                checkedProperties++;
                // A field every request must send, or the API defaults, is never null once stored.
                var promised = property.IsDefined(typeof(RequiredFieldAttribute), inherit: true) || property.IsDefined(typeof(DefaultedAttribute), inherit: true);
                var nullable = nullability.Create(property).ReadState == System.Reflection.NullabilityState.Nullable && !promised;
                var anyValue = documented["type"] is null && documented["allOf"] is null && documented["$ref"] is null;
                if (nullable && !anyValue && documented["nullable"]?.GetValue<bool>() != true) undocumented.Add($"{name}.{json}");
            }
        }
        Assert.That(checkedProperties, Is.GreaterThan(300));
        Assert.That(undocumented, Is.Empty);
    }

    private static string Reference(JsonNode schema) => ((string)schema["$ref"]!).Split('/')[^1];

    [Test]
    public async Task Every_operation_is_named_summarised_secured_and_lists_its_problems()
    {
        var document = JsonNode.Parse(await Client(apiKey: null).GetStringAsync("/swagger/v1/swagger.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key.ToUpperInvariant()} {path.Key}", Operation: op.Value!.AsObject())))
            .ToList();
        Assert.That(operations, Has.Count.GreaterThanOrEqualTo(9));
        Assert.That(document["components"]!["securitySchemes"]!["ApiKey"]!["name"]!.GetValue<string>(), Is.EqualTo("X-Api-Key"));
        foreach (var (name, operation) in operations)
        {
            Assert.That(operation["operationId"], Is.Not.Null, name);
            Assert.That(operation["summary"], Is.Not.Null, name);
            Assert.That(operation["security"]?.AsArray(), Is.Not.Empty, name);
            var responses = operation["responses"]!.AsObject();
            foreach (var status in new[] { "401", "403", "500" })
            {
                Assert.That(responses[status]?["content"]?["application/problem+json"], Is.Not.Null, $"{name} lacks a {status} problem");
            }
        }
    }

    [Test]
    public async Task Every_problem_is_typed_and_every_header_the_api_sends_is_declared()
    {
        var document = JsonNode.Parse(await Client(apiKey: null).GetStringAsync("/swagger/v1/swagger.json"))!;
        Assert.That((string?)document["servers"]?[0]?["url"], Is.EqualTo("http://localhost:5000"), "generated clients take their base address from servers");
        var validation = document["components"]!["schemas"]!["ValidationProblem"]!["allOf"]!.AsArray();
        Assert.That(validation.Select(s => s!["properties"]?["errors"]).OfType<JsonNode>(), Is.Not.Empty, "a 400 names its fields in errors");
        Assert.That(document["components"]!["schemas"]!["ProblemDetails"]!["required"]!.AsArray().Select(v => (string)v!), Does.Contain("traceId"));

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                var responses = operation!["responses"]!.AsObject();
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    // An engagement's writes can be refused by "no registration, no meeting" (ADR 018), with the breach's members.
                    var ruled = status == "422" && path.StartsWith("/api/engagements", StringComparison.Ordinal) && method is "post" or "patch" or "put"
                        && !path.Contains("/publication", StringComparison.Ordinal) && !path.EndsWith("/restore", StringComparison.Ordinal)
                        && !path.EndsWith("/batch", StringComparison.Ordinal) && !path.EndsWith("/import.csv", StringComparison.Ordinal);
                    var expected = status switch { "400" => "ValidationProblem", "409" => "ConflictProblem", _ when ruled => "RuleProblem", _ => "ProblemDetails" };
                    Assert.That(Reference(response!["content"]!["application/problem+json"]!["schema"]!), Is.EqualTo(expected), $"{name} {status}");
                }
                foreach (var (status, response) in responses)
                {
                    Assert.That(response!["headers"]?["X-RateLimit-Limit"], Is.Not.Null, $"{name} {status} carries X-RateLimit-Limit");
                }
                if (operation["requestBody"] is not null)
                {
                    Assert.That(responses.Select(r => r.Key), Does.Contain("413").And.Contain("415"), $"{name} reads a body");
                }
                var parameters = operation["parameters"]?.AsArray().Select(p => (string)p!["name"]!).ToList() ?? [];
                if (parameters.Contains("Idempotency-Key"))
                {
                    foreach (var (status, response) in responses.Where(r => r.Key[0] == '2'))
                    {
                        Assert.That(response!["headers"]?["Idempotent-Replayed"], Is.Not.Null, $"{name} {status} may be a replay");
                    }
                }
                var etag = responses["200"]?["headers"]?["ETag"] is not null;
                if (method == "get") Assert.That(parameters.Contains("If-None-Match") && responses.ContainsKey("304"), Is.EqualTo(etag), $"{name}: a read with an ETag answers 304");
                if (responses["201"] is { } created) Assert.That(created["headers"]?["Location"], Is.Not.Null, $"{name} 201 has a Location");
            }
        }
    }

    [Test]
    public async Task A_patch_lets_null_and_its_clear_list_clear_the_same_fields_and_no_others()
    {
        var document = JsonNode.Parse(await Client(apiKey: null).GetStringAsync("/swagger/v1/swagger.json"))!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var patches = schemas.Where(s => s.Key.EndsWith("Patch", StringComparison.Ordinal)).ToList();
        Assert.That(patches.Select(p => p.Key), Is.SupersetOf(new[] { "OrganisationPatch", "ContactPatch", "EngagementPatch", "CommitmentPatch" }));
        foreach (var (name, patch) in patches)
        {
            var properties = patch!["properties"]!.AsObject();
            var nullable = properties.Where(p => p.Value!["nullable"]?.GetValue<bool>() == true).Select(p => p.Key).Order().ToList();
            var listed = properties["clear"] is { } clear
                ? schemas[Reference(clear["items"]!)]!["enum"]!.AsArray().Select(v => (string)v!).Order().ToList()
                : [];
            Assert.That(listed, Is.EqualTo(nullable), $"{name}: the clear list names exactly the fields null clears");
        }
        Assert.That(schemas["OrganisationPatch"]!["properties"]!["website"]!["description"]!.GetValue<string>(), Does.EndWith("Null clears it."));
    }

    [Test]
    public async Task Every_problem_carries_the_members_the_contract_requires()
    {
        var organisation = await Admin.CreateOrganisationAsync("TikTok");
        var id = (string)organisation["id"]!;
        var answers = new[]
        {
            await Admin.PostAsync(Routes.Organisations, JsonContent.Create(new JsonObject())),
            await Admin.GetAsync($"{Routes.Organisations}/{Guid.NewGuid()}"),
            await Admin.PostAsync(Routes.Organisations, JsonContent.Create(new JsonObject { ["name"] = "TikTok", ["kind"] = "company" })),
            await Admin.PatchAsync(id, """{"notes": "x"}""", "\"7\""),
            await Admin.PostAsync(Routes.Organisations, new StringContent("name=TikTok", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")),
            await Admin.PatchAsync(id, """{"notes": "x"}""", ifMatch: null),
            await Client(apiKey: null).GetAsync(Routes.Organisations),
        };
        Assert.That(answers.Select(a => (int)a.StatusCode), Is.EqualTo(new[] { 400, 404, 409, 412, 415, 428, 401 }));
        foreach (var answer in answers)
        {
            var problem = await answer.ProblemAsync(answer.StatusCode);
            foreach (var member in new[] { "type", "title", "traceId" })
            {
                Assert.That((string?)problem[member], Is.Not.Null.And.Not.Empty, $"{(int)answer.StatusCode} has {member}: {problem.ToJsonString()}");
            }
        }
    }
}
