using System.Net.Http.Headers;
using System.Text;
using StakeholderCrm.Tests.Infrastructure;

namespace StakeholderCrm.Tests.Features.Organisations;

/// <summary>The calls a front-end makes, spelled once for the organisation tests.</summary>
public static class OrganisationRequests
{
    public const string Route = "/api/organisations";

    public static async Task<JsonObject> CreateOrganisationAsync(this HttpClient client, string name, object? fields = null)
    {
        var body = JsonSerializer(fields);
        body["name"] = name;
        body["kind"] ??= "company";
        var response = await client.PostAsync(Route, Json(body.ToJsonString()));
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string json)
        => client.PostAsync(Route, Json(json));

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string id, string json, string? ifMatch)
        => client.SendAsync(With(new HttpRequestMessage(HttpMethod.Patch, $"{Route}/{id}") { Content = Json(json, "application/merge-patch+json") }, ifMatch));

    public static Task<HttpResponseMessage> ArchiveAsync(this HttpClient client, string id, string? ifMatch)
        => client.SendAsync(With(new HttpRequestMessage(HttpMethod.Delete, $"{Route}/{id}"), ifMatch));

    public static Task<HttpResponseMessage> RestoreAsync(this HttpClient client, string id, string? ifMatch)
        => client.SendAsync(With(new HttpRequestMessage(HttpMethod.Post, $"{Route}/{id}/restore"), ifMatch));

    public static string ETag(JsonObject resource) => $"\"{(int)resource["version"]!}\"";

    public static StringContent Json(string json, string mediaType = "application/json")
        => new(json, Encoding.UTF8, mediaType);

    private static JsonObject JsonSerializer(object? fields)
        => fields is null ? [] : System.Text.Json.JsonSerializer.SerializeToNode(fields)!.AsObject();

    private static HttpRequestMessage With(HttpRequestMessage request, string? ifMatch)
    {
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}
