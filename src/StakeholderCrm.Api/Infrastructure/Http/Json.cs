using System.Text.Json;
using System.Text.Json.Serialization;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>One JSON contract for bodies, patches and change rows: camelCase, enums as camelCase strings, strict reading.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }

    /// <summary>Reads a JSON object strictly into <typeparamref name="T"/>; what does not fit is a 400 naming the field.</summary>
    public static T Read<T>(System.Text.Json.Nodes.JsonNode node)
    {
        try
        {
            return node.Deserialize<T>(Options) ?? throw new BadRequestFieldException("body", "Expected a JSON object of the record's fields.");
        }
        catch (JsonException exception)
        {
            var (field, message) = RequestErrors.Describe(exception);
            throw new BadRequestFieldException(field, message);
        }
    }

    /// <summary>The API's spelling of an enum value, as stored in the database.</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum
        => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
