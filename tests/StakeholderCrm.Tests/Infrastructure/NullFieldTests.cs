using StakeholderCrm.Api.Infrastructure.Data;

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
            [Routes.Organisations] = JsonNode.Parse("""
                {"name": "X", "kind": "ngo", "aliases": ["a"], "tags": ["t"], "country": "BE", "website": "https://x.org"}
                """)!.AsObject(),
            [Routes.Contacts] = JsonNode.Parse($$"""
                {"fullName": "X", "email": "x@x.org", "positions": [{"organisationId": "{{seed.TikTok.Id()}}", "title": "t"}]}
                """)!.AsObject(),
            [Routes.Topics] = JsonNode.Parse("""{"name": "X", "description": "d"}""")!.AsObject(),
            [Routes.Engagements] = seed.EngagementJson(),
            ["/api/bodies"] = JsonNode.Parse($$"""
                {"name": "Forum", "kind": "forum", "convenerId": "{{seed.Home.Id()}}", "website": "https://x.org"}
                """)!.AsObject(),
            ["/api/commitments"] = JsonNode.Parse($$"""
                {"title": "T", "direction": "theirs", "category": "visit", "organisationId": "{{seed.TikTok.Id()}}", "ownerId": "{{seed.Maglione.Id()}}",
                 "committedById": "{{seed.Greer.Id()}}", "dueDate": "2021-11-30", "topicIds": ["{{seed.Tco.Id()}}"], "status": "open"}
                """)!.AsObject(),
            ["/api/figures"] = JsonNode.Parse($$"""
                {"organisationId": "{{seed.TikTok.Id()}}", "metric": "users", "value": 1, "unit": "count", "periodStart": "2020-01-01",
                "periodEnd": "2020-12-31"}
                """)!.AsObject(),
        };
        var coalition = await Admin.CreateAsync("/api/bodies", new { name = "Tech Coalition", kind = "alliance" });
        bodies["/api/memberships"] = JsonNode.Parse($$"""
            {"organisationId": "{{seed.TikTok.Id()}}", "bodyId": "{{coalition.Id()}}", "status": "member", "since": "2021-01-01", "notes": "n"}
            """)!.AsObject();
        var checkedBodies = 0;
        foreach (var (route, body) in bodies)
        {
            foreach (var field in body.Select(p => p.Key).ToList())
            {
                foreach (var variant in Variants(body, field))
                {
                    var response = await Admin.PostAsync(route, Requests.Json(variant.ToJsonString()));
                    Assert.That((int)response.StatusCode, Is.LessThan(500), $"{route} {variant.ToJsonString()}: {await response.Content.ReadAsStringAsync()}");
                    checkedBodies++;
                }
            }
        }
        Assert.That(checkedBodies, Is.GreaterThanOrEqualTo(60));
    }

    [TestCase("/api/commitments", """{"to": "open", "note": "n", "evidence": {"engagementId": null, "url": "https://x.org", "note": "n"}}""")]
    [TestCase("/api/memberships", """{"to": "applied", "on": "2030-01-01", "note": "n"}""")]
    public async Task Null_fields_of_a_transition_never_cause_a_500(string route, string transition)
    {
        var seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var body = await Admin.CreateAsync("/api/bodies", new { name = "Tech Coalition", kind = "alliance" });
        var resource = route == "/api/commitments"
            ? await Admin.CreateAsync(route, new { title = "T", direction = "theirs", category = "visit", organisationId = seed.TikTok.Id() })
            : await Admin.CreateAsync(route, new { organisationId = seed.TikTok.Id(), bodyId = body.Id(), status = "interested" });
        var template = JsonNode.Parse(transition)!.AsObject();
        foreach (var variant in template.Select(p => p.Key).ToList().SelectMany(field => Variants(template, field)).Append(new JsonObject()))
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{route}/{resource.Id()}/transitions") { Content = Requests.Json(variant.ToJsonString()) };
            request.Headers.TryAddWithoutValidation("If-Match", Requests.ETag(resource));
            var response = await Admin.SendAsync(request);
            Assert.That((int)response.StatusCode, Is.LessThan(500), $"{variant.ToJsonString()}: {await response.Content.ReadAsStringAsync()}");
        }
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
