using System.Text;

namespace StakeholderCrm.Tests.TestSupport;

/// <summary>
/// The calls a front-end makes, spelled once: create, read, list, patch, archive, restore and transition by route, with
/// the resource's version as If-Match. Typed bodies (<see cref="RequestBody"/>) and raw JSON text go the same way.
/// </summary>
public static class Requests
{
    public const string MergePatch = "application/merge-patch+json";

    public static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    public static string ETag(JsonObject resource) => $"\"{(int)resource["version"]!}\"";

    public static string Id(this JsonObject resource) => (string)resource["id"]!;

    public static async Task<JsonObject> CreateAsync(this HttpClient client, string route, object body)
        => await (await client.PostAsync(route, RequestBody.Content(body))).JsonAsync(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string route, object body)
        => client.PostAsync(route, RequestBody.Content(body));

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string route, string json)
        => client.PostAsync(route, Json(json));

    public static async Task<JsonObject> ReadAsync(this HttpClient client, string route, object id)
        => await (await client.GetAsync($"{route}/{id}")).JsonAsync(HttpStatusCode.OK);

    public static async Task<List<JsonObject>> ListAsync(this HttpClient client, string route, string query = "")
    {
        var page = await (await client.GetAsync($"{route}?{query}")).JsonAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string route, JsonObject resource, string json)
        => client.SendAsync(HttpMethod.Patch, $"{route}/{resource.Id()}", ETag(resource), Json(json, MergePatch));

    public static Task<HttpResponseMessage> ArchiveAsync(this HttpClient client, string route, JsonObject resource)
        => client.SendAsync(HttpMethod.Delete, $"{route}/{resource.Id()}", ETag(resource));

    public static Task<HttpResponseMessage> RestoreAsync(this HttpClient client, string route, JsonObject resource)
        => client.SendAsync(HttpMethod.Post, $"{route}/{resource.Id()}/restore", ETag(resource));

    /// <summary>A lifecycle step (commitments, memberships) of the resource at its current version.</summary>
    public static Task<HttpResponseMessage> TransitionAsync(this HttpClient client, string route, JsonObject resource, object body)
        => client.SendAsync(HttpMethod.Post, $"{route}/{resource.Id()}/transitions", ETag(resource), RequestBody.Content(body));

    /// <summary>Marks the engagement published (a body) or withdraws the mark (null), at its current version.</summary>
    public static Task<HttpResponseMessage> PublishAsync(this HttpClient client, JsonObject engagement, object? mark)
        => client.SendAsync(mark is null ? HttpMethod.Delete : HttpMethod.Post, $"{Routes.Engagements}/{engagement.Id()}/publication", ETag(engagement),
            mark is null ? null : RequestBody.Content(mark));

    /// <summary>Marks the engagement exempt from publishing (a body) or lifts the mark (null), at its current version.</summary>
    public static Task<HttpResponseMessage> ExemptAsync(this HttpClient client, JsonObject engagement, object? exemption)
        => client.SendAsync(exemption is null ? HttpMethod.Delete : HttpMethod.Post, $"{Routes.Engagements}/{engagement.Id()}/publication/exemption",
            ETag(engagement), exemption is null ? null : RequestBody.Content(exemption));

    /// <summary>Sends with the If-Match given, or none when it is null.</summary>
    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string uri, string? ifMatch, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static Task<JsonObject> CreateOrganisationAsync(this HttpClient client, string name) => client.CreateOrganisationAsync(new NewOrganisation(name));

    public static Task<JsonObject> CreateOrganisationAsync(this HttpClient client, NewOrganisation organisation)
        => client.CreateAsync(Routes.Organisations, organisation);

    /// <summary>Organisation calls by id with an If-Match of the test's choosing (or none), for the precondition tests.</summary>
    public static Task<HttpResponseMessage> PatchAsync(this HttpClient client, string id, string json, string? ifMatch)
        => client.SendAsync(HttpMethod.Patch, $"{Routes.Organisations}/{id}", ifMatch, Json(json, MergePatch));

    public static Task<HttpResponseMessage> ArchiveAsync(this HttpClient client, string id, string? ifMatch)
        => client.SendAsync(HttpMethod.Delete, $"{Routes.Organisations}/{id}", ifMatch);

    public static Task<HttpResponseMessage> RestoreAsync(this HttpClient client, string id, string? ifMatch)
        => client.SendAsync(HttpMethod.Post, $"{Routes.Organisations}/{id}/restore", ifMatch);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string json) => client.PostJsonAsync(Routes.Organisations, json);
}
