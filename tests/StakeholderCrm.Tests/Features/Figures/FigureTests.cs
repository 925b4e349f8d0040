using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Figures;

public sealed class FigureTests(DatabaseProvider provider) : ApiTest(provider)
{
    private const string Route = Routes.Figures;

    [Test]
    public async Task A_metric_series_comes_in_time_order_whatever_order_it_was_recorded_in()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        const string metric = "trust and safety staff in Europe";
        await Admin.CreateAsync(Route, new NewFigure(tiktok.Id(), metric, 1000, "people") { Scope = "Europe", AsOf = "2021-06-28" });
        await Admin.CreateAsync(Route,
            new NewFigure(tiktok.Id(), metric, 20, "people") { Scope = "Europe", PeriodStart = "2020-01-01", PeriodEnd = "2020-12-31" });
        await Admin.CreateAsync(Route,
            new NewFigure(tiktok.Id(), "Trust and Safety staff in Europe", 1500, "people") { Scope = "Europe", AsOf = "2022-03-01" });
        await Admin.CreateAsync(Route, new NewFigure(tiktok.Id(), "users in Europe", 100_000_000, "count") { AsOf = "2021-06-28" });

        var all = await (await Admin.GetAsync($"/api/organisations/{tiktok.Id()}/figures")).JsonAsync(HttpStatusCode.OK);
        Assert.That(all["series"]!.AsArray(), Has.Count.EqualTo(2));

        var staff = await (await Admin.GetAsync($"/api/organisations/{tiktok.Id()}/figures?metric={Uri.EscapeDataString(metric)}"))
            .JsonAsync(HttpStatusCode.OK);
        var series = staff["series"]!.AsArray().Single()!;
        Assert.That(series["points"]!.AsArray().Select(p => (decimal)p!["value"]!), Is.EqualTo(new[] { 20m, 1000m, 1500m }));
        Assert.That(series["points"]!.AsArray().Select(p => (string)p!["observedOn"]!), Is.EqualTo(new[] { "2020-12-31", "2021-06-28", "2022-03-01" }));
        Assert.That((decimal)series["latest"]!["value"]!, Is.EqualTo(1500m));
        Assert.That(series["points"]![0]!["value"]!.ToJsonString(), Is.EqualTo("20"), "values read back as stated");
    }

    [TestCase("""{"metric": "users", "value": 1, "unit": "count", "asOf": "2021-06-28"}""", "organisationId")]
    [TestCase("""{"metric": "users", "value": 1, "unit": "count"}""", "asOf")]
    [TestCase("""{"metric": "users", "value": 1, "unit": "count", "asOf": "2021-06-28", "periodEnd": "2021-06-30"}""", "asOf")]
    [TestCase("""{"metric": "users", "value": 1, "unit": "count", "periodStart": "2021-07-01", "periodEnd": "2021-06-30"}""", "periodEnd")]
    [TestCase("""{"metric": "users", "value": "many", "unit": "count", "asOf": "2021-06-28"}""", "value")]
    [TestCase("""{"metric": "", "value": 1, "unit": "count", "asOf": "2021-06-28"}""", "metric")]
    public async Task Rejects_invalid_figures_naming_the_field(string json, string field)
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var body = JsonNode.Parse(json)!.AsObject();
        if (field != "organisationId") body["organisationId"] = tiktok.Id();
        await (await Admin.PostAsync(Route, body)).FieldErrorAsync(field);
    }

    [Test]
    public async Task An_archived_figure_leaves_the_series_and_comes_back_on_restore()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        var figure = await Admin.CreateAsync(Route,
            new NewFigure(tiktok.Id(), "reports to NCMEC", 22000, "count") { PeriodStart = "2020-01-01", PeriodEnd = "2020-12-31" });
        var archived = await (await Admin.ArchiveAsync(Route, figure)).JsonAsync(HttpStatusCode.OK);
        var series = await (await Admin.GetAsync($"/api/organisations/{tiktok.Id()}/figures")).JsonAsync(HttpStatusCode.OK);
        Assert.That(series["series"]!.AsArray(), Is.Empty);
        (await Admin.RestoreAsync(Route, archived)).EnsureSuccessStatusCode();
        Assert.That(await Admin.ListAsync(Route, $"organisationId={tiktok.Id()}"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_empty_metric_filter_is_a_400_not_an_empty_answer()
    {
        var tiktok = await Admin.CreateOrganisationAsync("TikTok");
        await (await Admin.GetAsync("/api/figures?metric=")).FieldErrorAsync("metric");
        await (await Admin.GetAsync($"/api/organisations/{tiktok.Id()}/figures?metric=%20")).FieldErrorAsync("metric");
    }

    [Test]
    public async Task The_series_of_an_unknown_organisation_is_a_404()
        => await (await Admin.GetAsync($"/api/organisations/{Guid.NewGuid()}/figures")).ProblemAsync(HttpStatusCode.NotFound);
}
