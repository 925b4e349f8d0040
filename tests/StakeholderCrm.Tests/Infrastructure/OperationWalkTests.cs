using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Tests.Infrastructure;

/// <summary>
/// Every operation of the contract, called by five callers, answers the status this table says and a status the
/// contract lists; and the app serves no API route the contract leaves out. Ids point at a sensitive engagement and
/// what comes from it where the resource has them, so the walk also checks confidentiality.
/// </summary>
public sealed class OperationWalkTests(DatabaseProvider provider) : ApiTest(provider)
{
    private static readonly string[] Callers = ["none", "reader", "editor", "admin", "cleared"];

    /// <summary>Statuses for: no credentials, reader, editor, admin without clearance, editor with clearance.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["ApplyRetention"] = "401 403 403 200 403",
        ["ArchiveBody"] = "401 403 428 428 428",
        ["ArchiveCommitment"] = "401 403 428 428 428",
        ["ArchiveContact"] = "401 403 428 428 428",
        ["ArchiveEngagement"] = "401 403 428 428 428",
        ["ArchiveFigure"] = "401 403 428 428 428",
        ["ArchiveMembership"] = "401 403 428 428 428",
        ["ArchiveOrganisation"] = "401 403 428 428 428",
        ["ArchiveTopic"] = "401 403 428 428 428",
        ["CreateApiKey"] = "401 403 403 400 403",
        ["CreateBody"] = "401 403 400 400 400",
        ["CreateCommitment"] = "401 403 400 400 400",
        ["CreateCommitmentsInBatch"] = "401 403 400 400 400",
        ["CreateContact"] = "401 403 400 400 400",
        ["CreateContactsInBatch"] = "401 403 400 400 400",
        ["CreateEngagement"] = "401 403 400 400 400",
        ["CreateEngagementsInBatch"] = "401 403 400 400 400",
        ["CreateFigure"] = "401 403 400 400 400",
        ["CreateMembership"] = "401 403 400 400 400",
        ["CreateOrganisation"] = "401 403 400 400 400",
        ["CreateOrganisationsInBatch"] = "401 403 400 400 400",
        ["CreateTopic"] = "401 403 400 400 400",
        ["EraseContact"] = "401 403 403 428 403",
        ["ExportCommitmentsCsv"] = "401 200 200 200 200",
        ["ExportContactsCsv"] = "401 200 200 200 200",
        ["ExportEngagementsCsv"] = "401 200 200 200 200",
        ["ExportOrganisationsCsv"] = "401 200 200 200 200",
        ["GetBody"] = "401 200 200 200 200",
        ["GetBodyHistory"] = "401 200 200 200 200",
        ["GetCommitment"] = "401 404 404 404 200",
        ["GetCommitmentByExternalId"] = "401 404 404 404 404",
        ["GetCommitmentHistory"] = "401 404 404 404 200",
        ["GetContact"] = "401 200 200 200 200",
        ["GetContactByExternalId"] = "401 404 404 404 404",
        ["GetContactHistory"] = "401 200 200 200 200",
        ["GetContactPersonalData"] = "401 403 403 200 403",
        ["GetEngagement"] = "401 404 404 404 200",
        ["GetEngagementByExternalId"] = "401 404 404 404 404",
        ["GetEngagementHistory"] = "401 404 404 404 200",
        ["GetEngagementReport"] = "401 404 404 404 200",
        ["GetFigure"] = "401 404 404 404 200",
        ["GetFigureHistory"] = "401 404 404 404 200",
        ["GetMembership"] = "401 404 404 404 200",
        ["GetMembershipHistory"] = "401 404 404 404 200",
        ["GetOrganisation"] = "401 200 200 200 200",
        ["GetOrganisationBriefing"] = "401 200 200 200 200",
        ["FindOrganisationRegisterMatches"] = "401 200 200 200 200",
        ["GetOrganisationByExternalId"] = "401 404 404 404 404",
        ["GetOrganisationFigures"] = "401 200 200 200 200",
        ["GetOrganisationHistory"] = "401 200 200 200 200",
        ["GetOrganisationTimeline"] = "401 200 200 200 200",
        ["GetProcessingRecord"] = "401 200 200 200 200",
        ["GetRegisterEntry"] = "401 404 404 404 404",
        ["GetTopic"] = "401 200 200 200 200",
        ["GetTopicHistory"] = "401 200 200 200 200",
        ["ImportCommitmentsCsv"] = "401 403 400 400 400",
        ["ImportContactsCsv"] = "401 403 400 400 400",
        ["ImportEngagementsCsv"] = "401 403 400 400 400",
        ["ImportOrganisationsCsv"] = "401 403 400 400 400",
        ["ImportTransparencyRegister"] = "401 415 415 415 415",
        ["ListApiKeys"] = "401 403 403 200 403",
        ["ListBodies"] = "401 200 200 200 200",
        ["ListChanges"] = "401 200 200 200 200",
        ["ListCommitments"] = "401 200 200 200 200",
        ["ListContacts"] = "401 200 200 200 200",
        ["ListEngagements"] = "401 200 200 200 200",
        ["ListFigures"] = "401 200 200 200 200",
        ["ListMemberships"] = "401 200 200 200 200",
        ["ListOrganisations"] = "401 200 200 200 200",
        ["ListRegisterEntries"] = "401 200 200 200 200",
        ["ListRetention"] = "401 403 403 200 403",
        ["ListPublications"] = "401 200 200 200 200",
        ["ExportPublicationsCsv"] = "401 200 200 200 200",
        ["ExportPublicationsJson"] = "401 200 200 200 200",
        ["RecordPublication"] = "401 403 428 428 428",
        ["WithdrawPublication"] = "401 403 428 428 428",
        ["ExemptFromPublication"] = "401 403 428 428 428",
        ["LiftPublicationExemption"] = "401 403 428 428 428",
        ["ListTopics"] = "401 200 200 200 200",
        ["PutCommitmentByExternalId"] = "401 403 400 400 400",
        ["PutContactByExternalId"] = "401 403 400 400 400",
        ["PutEngagementByExternalId"] = "401 403 400 400 400",
        ["PutOrganisationByExternalId"] = "401 403 400 400 400",
        ["RestrictContact"] = "401 403 403 428 403",
        ["LiftContactRestriction"] = "401 403 403 428 403",
        ["RestoreBody"] = "401 403 428 428 428",
        ["RestoreCommitment"] = "401 403 428 428 428",
        ["RestoreContact"] = "401 403 428 428 428",
        ["RestoreEngagement"] = "401 403 428 428 428",
        ["RestoreFigure"] = "401 403 428 428 428",
        ["RestoreMembership"] = "401 403 428 428 428",
        ["RestoreOrganisation"] = "401 403 428 428 428",
        ["RestoreTopic"] = "401 403 428 428 428",
        ["RevokeApiKey"] = "401 403 403 404 403",
        ["RotateApiKey"] = "401 403 403 404 403",
        ["Search"] = "401 400 400 400 400",
        ["TransitionCommitment"] = "401 403 428 428 428",
        ["TransitionMembership"] = "401 403 428 428 428",
        ["UpdateBody"] = "401 403 428 428 428",
        ["UpdateCommitment"] = "401 403 428 428 428",
        ["UpdateContact"] = "401 403 428 428 428",
        ["UpdateEngagement"] = "401 403 428 428 428",
        ["UpdateFigure"] = "401 403 428 428 428",
        ["UpdateMembership"] = "401 403 428 428 428",
        ["UpdateOrganisation"] = "401 403 428 428 428",
        ["UpdateTopic"] = "401 403 428 428 428",
        ["CreateWebhook"] = "401 403 403 400 403",
        ["ListWebhooks"] = "401 403 403 200 403",
        ["GetWebhook"] = "401 403 403 404 403",
        ["UpdateWebhook"] = "401 403 403 428 403",
        ["DeleteWebhook"] = "401 403 403 404 403",
        ["RotateWebhookSecret"] = "401 403 403 404 403",
        ["ListWebhookDeliveries"] = "401 403 403 404 403",
        ["RedeliverWebhook"] = "401 403 403 404 403",
        ["PingWebhook"] = "401 403 403 404 403",
    };

    [Test]
    public async Task Every_operation_answers_each_caller_as_the_table_says_and_as_documented()
    {
        var ids = await ContractWalk.SeedAsync(Admin);

        var clients = new Dictionary<string, HttpClient>
        {
            ["none"] = Client(apiKey: null),
            ["reader"] = await ClientWithRoleAsync("reader"),
            ["editor"] = await ClientWithRoleAsync("editor"),
            ["admin"] = await ClientWithRoleAsync("admin"),
            ["cleared"] = await KeyAsync(new { name = "cleared", role = "editor", cleared = true }),
        };

        var document = JsonNode.Parse(await Client(apiKey: null).GetStringAsync(ContractWalk.DocumentPath))!;
        var mismatches = new List<string>();
        var walked = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var operationId = (string)operation!["operationId"]!;
                Assert.That(Expected.ContainsKey(operationId), Is.True, $"the table has no row for {operationId}");
                var documented = operation["responses"]!.AsObject().Select(r => r.Key).ToHashSet();
                var expected = Expected[operationId].Split(' ');
                for (var caller = 0; caller < Callers.Length; caller++)
                {
                    var response = await clients[Callers[caller]].SendAsync(Request(method, path, ids));
                    var status = ((int)response.StatusCode).ToString();
                    if (status != expected[caller]) mismatches.Add($"{operationId} as {Callers[caller]}: {status}, table says {expected[caller]}");
                    if (!documented.Contains(status)) mismatches.Add($"{operationId} as {Callers[caller]}: {status} is not in the contract");
                    walked++;
                }
            }
        }
        Assert.That(mismatches, Is.Empty, string.Join(Environment.NewLine, mismatches));
        Assert.That(walked, Is.EqualTo(Expected.Count * Callers.Length));
    }

    [Test]
    public async Task The_app_serves_no_api_route_the_contract_leaves_out()
    {
        var document = JsonNode.Parse(await Client(apiKey: null).GetStringAsync(ContractWalk.DocumentPath))!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}")).ToHashSet();
        var served = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToList();
        Assert.That(served, Has.Count.GreaterThanOrEqualTo(80));
        Assert.That(served.Where(route => !documented.Contains(route)), Is.Empty);
    }

    private static string Normalise(string route)
        => System.Text.RegularExpressions.Regex.Replace(route.TrimEnd('/'), @"\{(\w+):[^}]+\}", "{$1}");

    private async Task<HttpClient> KeyAsync(object key)
    {
        var created = await (await Admin.PostAsJsonAsync("/api/admin/api-keys", key)).JsonAsync(HttpStatusCode.Created);
        return Client((string)created["secret"]!);
    }

    private static HttpRequestMessage Request(string method, string path, Dictionary<string, string> ids)
    {
        var uri = ContractWalk.Uri(path, ids);
        var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), uri);
        if (method is "post" or "patch" or "put")
        {
            request.Content = uri.EndsWith("import.csv", StringComparison.Ordinal)
                ? new StringContent("name,kind\n", Encoding.UTF8, "text/csv")
                : new StringContent("{}", Encoding.UTF8, method == "patch" ? "application/merge-patch+json" : "application/json");
        }
        return request;
    }
}
