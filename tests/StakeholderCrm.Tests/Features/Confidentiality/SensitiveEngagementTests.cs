using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Features.Engagements;
using StakeholderCrm.Tests.Features.Organisations;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Confidentiality;

public sealed class SensitiveEngagementTests(DatabaseProvider provider) : ApiTest(provider)
{
    private SeedMeeting seed = null!;
    private JsonObject sensitive = null!;
    private JsonObject commitment = null!;
    private JsonObject figure = null!;
    private JsonObject membership = null!;

    [SetUp]
    public async Task RecordASensitiveMeeting()
    {
        seed = await SeedMeeting.RecordPeopleAsync(Admin);
        var body = seed.Engagement();
        body["title"] = "Confidential call with TikTok on CSAM detection";
        body["confidentiality"] = "sensitive";
        sensitive = await Admin.CreateAsync(SeedMeeting.Engagements, body);
        commitment = await Admin.CreateAsync("/api/commitments", new
        {
            title = "Share detection hashes", direction = "theirs", category = "dataSharing", organisationId = seed.TikTok.Id(), madeInEngagementId = sensitive.Id(),
        });
        figure = await Admin.CreateAsync("/api/figures", new
        {
            organisationId = seed.TikTok.Id(), metric = "hashes shared", value = 5000, unit = "count", asOf = "2021-06-28", sourceEngagementId = sensitive.Id(),
        });
        var body2 = await Admin.CreateAsync("/api/bodies", new { name = "Hash sharing consortium", kind = "alliance" });
        membership = await Admin.CreateAsync("/api/memberships", new { organisationId = seed.TikTok.Id(), bodyId = body2.Id(), status = "member", sourceEngagementId = sensitive.Id() });
    }

    [Test]
    public async Task A_sensitive_engagement_and_what_comes_from_it_never_appear_to_a_reader()
    {
        var reader = await ClientWithRoleAsync("reader");
        var hidden = new[] { sensitive.Id(), commitment.Id(), figure.Id(), membership.Id() };

        foreach (var (route, id) in new[] { (SeedMeeting.Engagements, sensitive.Id()), ("/api/commitments", commitment.Id()), ("/api/figures", figure.Id()), ("/api/memberships", membership.Id()) })
        {
            await (await reader.GetAsync($"{route}/{id}")).ProblemAsync(HttpStatusCode.NotFound);
            await (await reader.GetAsync($"{route}/{id}/history")).ProblemAsync(HttpStatusCode.NotFound);
            Assert.That((await reader.ListAsync(route, "includeArchived=true")).Select(r => r.Id()), Has.None.AnyOf(hidden), route);
        }
        Assert.That(await reader.ListAsync(SeedMeeting.Engagements, "q=csam"), Is.Empty);
        Assert.That(await reader.ListAsync(SeedMeeting.Engagements, $"organisationId={seed.TikTok.Id()}"), Is.Empty);

        var everything = await ReadAllAsync(reader);
        foreach (var id in hidden) Assert.That(everything, Does.Not.Contain(id), "timeline, briefing, figures, changes");

        var cleared = await ClearedClientAsync();
        (await cleared.GetAsync($"{SeedMeeting.Engagements}/{sensitive.Id()}")).EnsureSuccessStatusCode();
        (await cleared.GetAsync($"/api/commitments/{commitment.Id()}")).EnsureSuccessStatusCode();
        var clearedView = await ReadAllAsync(cleared);
        foreach (var id in hidden) Assert.That(clearedView, Does.Contain(id));
    }

    [Test]
    public async Task Only_a_cleared_caller_may_record_or_classify_an_engagement_as_sensitive()
    {
        var editor = await ClientWithRoleAsync("editor");
        var body = seed.Engagement();
        body["confidentiality"] = "sensitive";
        await (await editor.PostAsync(SeedMeeting.Engagements, OrganisationRequests.Json(body.ToJsonString()))).ProblemAsync(HttpStatusCode.Forbidden);

        var cleared = await ClearedClientAsync();
        (await cleared.PostAsync(SeedMeeting.Engagements, OrganisationRequests.Json(body.ToJsonString()))).EnsureSuccessStatusCode();

        var evidence = await editor.PostAsJsonAsync("/api/figures", new
        {
            organisationId = seed.TikTok.Id(), metric = "m", value = 1, unit = "count", asOf = "2021-06-28", sourceEngagementId = sensitive.Id(),
        });
        await evidence.FieldErrorAsync("sourceEngagementId");
    }

    private async Task<HttpClient> ClearedClientAsync()
    {
        var key = await (await Admin.PostAsJsonAsync("/api/admin/api-keys", new { name = "cleared-analyst", role = "editor", cleared = true })).JsonAsync(HttpStatusCode.Created);
        return Client((string)key["secret"]!);
    }

    private async Task<string> ReadAllAsync(HttpClient client)
    {
        var tiktok = seed.TikTok.Id();
        var parts = new List<string>
        {
            await client.GetStringAsync($"/api/organisations/{tiktok}/timeline?limit=200"),
            await client.GetStringAsync($"/api/organisations/{tiktok}/briefing"),
            await client.GetStringAsync($"/api/organisations/{tiktok}/figures"),
            await client.GetStringAsync("/api/changes?limit=1000"),
            await client.GetStringAsync($"/api/memberships?asOf=2030-01-01"),
            await client.GetStringAsync("/api/search?q=csam"),
            await client.GetStringAsync("/api/engagements/export.csv"),
            await client.GetStringAsync("/api/commitments/export.csv"),
            await client.GetStringAsync("/api/search?q=hashes"),
        };
        return string.Join("\n", parts);
    }
}
