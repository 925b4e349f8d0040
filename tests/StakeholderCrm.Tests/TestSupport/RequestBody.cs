using System.Text.Json;
using System.Text.Json.Serialization;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Tests.TestSupport;

/// <summary>
/// Writes a request body with the API's JSON conventions (camelCase names, enums as camelCase strings), leaving out
/// what a test did not set. A test that needs a field the API must refuse starts from <see cref="Node"/> and edits it.
/// </summary>
public static class RequestBody
{
    private static readonly JsonSerializerOptions Options = new(Json.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)))
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonContent Content(object body) => JsonContent.Create(body, body.GetType(), options: Options);

    public static JsonObject Node(object body) => JsonSerializer.SerializeToNode(body, body.GetType(), Options)!.AsObject();
}
