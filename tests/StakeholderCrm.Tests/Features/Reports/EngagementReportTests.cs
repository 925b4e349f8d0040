using MediatR;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Features.Demo;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Reports;

/// <summary>The meeting report (issue 21, point 6): the demo's call with TikTok as the seed reads, in Markdown and in Word.</summary>
public sealed class EngagementReportTests(DatabaseProvider provider) : ApiTest(provider)
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Test]
    public async Task The_demo_call_reads_as_the_committed_report()
    {
        var meeting = await SeedDemoAsync();
        var response = await Admin.GetAsync($"{Routes.Engagements}/{meeting}/report");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/markdown"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("report-2021-06-28-meeting-with-tiktok.md"));
        await ExpectedReport.AssertMatchesAsync("seed-report.md", await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_same_report_as_a_Word_document_is_a_valid_package_with_the_same_paragraphs()
    {
        var meeting = await SeedDemoAsync();
        var response = await Admin.GetAsync($"{Routes.Engagements}/{meeting}/report?format=docx");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(Docx));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("report-2021-06-28-meeting-with-tiktok.docx"));
        var document = await WordFile.ReadAsync(response);
        Assert.That(document.Errors, Is.Empty);
        Assert.That(document.Paragraphs[..4], Is.EqualTo(new[]
        {
            "To: LUCHNER Johannes (HOME); MAGLIONE Monika (CAB-JOHANSSON); ONIDI Olivier (HOME); PARIAT Monique (HOME)", "Cc: ",
            "From: MUSCHEL Laurent (HOME)", "Subject: REPORT: Meeting with TikTok 28 June 2021",
        }));
        Assert.That(document.Paragraphs[4], Does.StartWith("On 28 June 2021, a call between Monika Maglione (CAB-JOHANSSON) and TikTok representatives "
            + "Caroline Greer, Director, Public Policy & Government Relations, and Alexandra Evans, Head of Child Safety Europe, took place."));
        Assert.That(document.Bold, Is.SupersetOf(new[] { "Monika Maglione", "Caroline Greer", "Alexandra Evans", "Key points:", "Details:", "Links:" }));
        Assert.That(document.Paragraphs, Does.Contain("Key points:").And.Contain("Details:").And.Contain("Links:"));
        Assert.That(document.Bullets, Has.Count.EqualTo(10 + 3), "ten key points and details, three links");
        Assert.That(document.Bullets[^1], Is.EqualTo("The European Transparency Centre: "
            + "https://newsroom.tiktok.com/en-gb/tiktok-launches-eu-transparency-and-accountability-centre"));
        Assert.That(document.Hyperlinks, Has.Count.EqualTo(3));
    }

    [TestCase("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Docx)]
    [TestCase("text/markdown;q=0.5, application/vnd.openxmlformats-officedocument.wordprocessingml.document", Docx)]
    [TestCase("text/markdown", "text/markdown")]
    [TestCase("application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.4, text/*", "text/markdown")]
    [TestCase("application/json", "text/markdown")]
    [TestCase("*/*", "text/markdown")]
    public async Task Accept_chooses_the_format_when_the_query_does_not(string accept, string mediaType)
    {
        var meeting = await SeedDemoAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Routes.Engagements}/{meeting}/report");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await Admin.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
    }

    [Test]
    public async Task The_format_in_the_query_wins_over_Accept()
    {
        var meeting = await SeedDemoAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Routes.Engagements}/{meeting}/report?format=markdown");
        request.Headers.TryAddWithoutValidation("Accept", Docx);
        var response = await Admin.SendAsync(request);

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/markdown"));
    }

    [TestCase("format=pdf", "format")]
    [TestCase("format=DOCX", "format")]
    [TestCase("release=internal", "release")]
    [TestCase("release=", "release")]
    public async Task A_bad_format_or_release_is_a_400_naming_it(string query, string field)
    {
        var meeting = await SeedDemoAsync();
        var response = await Admin.GetAsync($"{Routes.Engagements}/{meeting}/report?{query}");

        await response.FieldErrorAsync(field);
    }

    [Test]
    public async Task An_unknown_engagement_is_a_404()
        => await (await Admin.GetAsync($"{Routes.Engagements}/{Guid.NewGuid()}/report")).ProblemAsync(HttpStatusCode.NotFound);

    internal static async Task<string> SeedDemoAsync(ApiHost host, HttpClient admin)
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await new SeedDemo(scope.ServiceProvider.GetRequiredService<IMediator>()).RunAsync(CancellationToken.None);
        }
        return (await admin.ListAsync(Routes.Engagements, "q=TikTok")).Single().Id();
    }

    private Task<string> SeedDemoAsync() => SeedDemoAsync(Host, Admin);
}
