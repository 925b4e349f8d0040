using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Features;
using StakeholderCrm.Tests.Features.Engagements;
using StakeholderCrm.Tests.Features.Organisations;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>Every field of every create body set to null, and every list given a null item: a clear 4xx, never a 500.</summary>
public sealed class NullFieldTests(DatabaseProvider provider) : ApiTest(provider)
{
    [Test]
    public async Task Null_fields_and_null_list_items_never_cause_a_500()
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var bodies = new Dictionary<string, JsonObject>
        {
            [OrganisationRequests.Route] = JsonNode.Parse("""{"name": "X", "kind": "ngo", "aliases": ["a"], "tags": ["t"], "country": "BE", "website": "https://x.org"}""")!.AsObject(),
            [SeedMeeting.Contacts] = JsonNode.Parse($$"""{"fullName": "X", "email": "x@x.org", "positions": [{"organisationId": "{{seed.TikTok.Id()}}", "title": "t"}]}""")!.AsObject(),
            [SeedMeeting.Topics] = JsonNode.Parse("""{"name": "X", "description": "d"}""")!.AsObject(),
            [SeedMeeting.Engagements] = seed.Engagement(),
        };
        var checkedBodies = 0;
        foreach (var (route, body) in bodies)
        {
            foreach (var field in body.Select(p => p.Key).ToList())
            {
                foreach (var variant in Variants(body, field))
                {
                    var response = await Admin.PostAsync(route, OrganisationRequests.Json(variant.ToJsonString()));
                    Assert.That((int)response.StatusCode, Is.LessThan(500), $"{route} {variant.ToJsonString()}: {await response.Content.ReadAsStringAsync()}");
                    checkedBodies++;
                }
            }
        }
        Assert.That(checkedBodies, Is.GreaterThan(30));
    }

    private static IEnumerable<JsonObject> Variants(JsonObject body, string field)
    {
        var nulled = body.DeepClone().AsObject();
        nulled[field] = null;
        yield return nulled;
        if (body[field] is JsonArray)
        {
            var nullItem = body.DeepClone().AsObject();
            nullItem[field] = new JsonArray((JsonNode?)null);
            yield return nullItem;
        }
    }
}
