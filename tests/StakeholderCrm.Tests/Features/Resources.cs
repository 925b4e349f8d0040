using System.Net.Http.Headers;
using StakeholderCrm.Tests.Features.Organisations;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features;

/// <summary>Calls shared by every resource's tests: create, read, patch, archive and restore by route.</summary>
public static class Resources
{
    public static async Task<JsonObject> CreateAsync(this HttpClient client, string route, object body)
        => await (await client.PostAsJsonAsync(route, body)).JsonAsync(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string route, string json)
        => client.PostAsync(route, OrganisationRequests.Json(json));

    public static async Task<JsonObject> ReadAsync(this HttpClient client, string route, object id)
        => await (await client.GetAsync($"{route}/{id}")).JsonAsync(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string route, JsonObject resource, string json)
        => Send(client, HttpMethod.Patch, $"{route}/{resource["id"]}", OrganisationRequests.ETag(resource), OrganisationRequests.Json(json, "application/merge-patch+json"));

    public static Task<HttpResponseMessage> ArchiveAsync(this HttpClient client, string route, JsonObject resource)
        => Send(client, HttpMethod.Delete, $"{route}/{resource["id"]}", OrganisationRequests.ETag(resource));

    public static Task<HttpResponseMessage> RestoreAsync(this HttpClient client, string route, JsonObject resource)
        => Send(client, HttpMethod.Post, $"{route}/{resource["id"]}/restore", OrganisationRequests.ETag(resource));

    public static async Task<List<JsonObject>> ListAsync(this HttpClient client, string route, string query = "")
    {
        var page = await (await client.GetAsync($"{route}?{query}")).JsonAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    public static string Id(this JsonObject resource) => (string)resource["id"]!;

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string uri, string ifMatch, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
