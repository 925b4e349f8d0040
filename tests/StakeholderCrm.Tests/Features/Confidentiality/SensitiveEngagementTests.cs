using StakeholderCrm.Api.Infrastructure.Data;
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
        sensitive = await Admin.CreateAsync(Routes.Engagements,
            seed.Engagement() with { Title = "Confidential call with TikTok on CSAM detection", Confidentiality = "sensitive" });
        commitment = await Admin.CreateAsync(Routes.Commitments, new NewCommitment("Share detection hashes", seed.TikTok.Id())
        {
            Category = "dataSharing", MadeInEngagementId = sensitive.Id(),
        });
        figure = await Admin.CreateAsync(Routes.Figures,
            new NewFigure(seed.TikTok.Id(), "hashes shared", 5000, "count") { AsOf = "2021-06-28", SourceEngagementId = sensitive.Id() });
        var consortium = await Admin.CreateAsync(Routes.Bodies, new NewBody("Hash sharing consortium", "alliance"));
        membership = await Admin.CreateAsync(Routes.Memberships,
            new NewMembership(seed.TikTok.Id(), consortium.Id(), "member") { SourceEngagementId = sensitive.Id() });
    }

    [Test]
    public async Task A_sensitive_engagement_and_what_comes_from_it_never_appear_to_a_reader()
    {
        var reader = await ClientWithRoleAsync("reader");
        var hidden = new[] { sensitive.Id(), commitment.Id(), figure.Id(), membership.Id() };

        foreach (var (route, id) in new[] { (Routes.Engagements, sensitive.Id()), ("/api/commitments", commitment.Id()), ("/api/figures", figure.Id()),
            ("/api/memberships", membership.Id()) })
        {
            await (await reader.GetAsync($"{route}/{id}")).ProblemAsync(HttpStatusCode.NotFound);
            await (await reader.GetAsync($"{route}/{id}/history")).ProblemAsync(HttpStatusCode.NotFound);
            Assert.That((await reader.ListAsync(route, "includeArchived=true")).Select(r => r.Id()), Has.None.AnyOf(hidden), route);
        }
        Assert.That(await reader.ListAsync(Routes.Engagements, "q=csam"), Is.Empty);
        Assert.That(await reader.ListAsync(Routes.Engagements, $"organisationId={seed.TikTok.Id()}"), Is.Empty);

        var everything = await ReadAllAsync(reader);
        foreach (var id in hidden) Assert.That(everything, Does.Not.Contain(id), "timeline, briefing, figures, changes");

        var cleared = await ClearedClientAsync();
        (await cleared.GetAsync($"{Routes.Engagements}/{sensitive.Id()}")).EnsureSuccessStatusCode();
        (await cleared.GetAsync($"/api/commitments/{commitment.Id()}")).EnsureSuccessStatusCode();
        var clearedView = await ReadAllAsync(cleared);
        foreach (var id in hidden) Assert.That(clearedView, Does.Contain(id));
    }

    [Test]
    public async Task Only_a_cleared_caller_may_record_or_classify_an_engagement_as_sensitive()
    {
        var editor = await ClientWithRoleAsync("editor");
        var body = seed.Engagement() with { Confidentiality = "sensitive" };
        await (await editor.PostAsync(Routes.Engagements, body)).ProblemAsync(HttpStatusCode.Forbidden);

        var cleared = await ClearedClientAsync();
        (await cleared.PostAsync(Routes.Engagements, body)).EnsureSuccessStatusCode();

        var evidence = await editor.PostAsync(Routes.Figures,
            new NewFigure(seed.TikTok.Id(), "m", 1, "count") { AsOf = "2021-06-28", SourceEngagementId = sensitive.Id() });
        await evidence.FieldErrorAsync("sourceEngagementId");
    }

    private async Task<HttpClient> ClearedClientAsync()
    {
        var key = await (await Admin.PostAsync(Routes.ApiKeys, new NewApiKey("cleared-analyst", "editor") { Cleared = true }))
            .JsonAsync(HttpStatusCode.Created);
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
