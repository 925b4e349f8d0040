using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>One JSON contract for bodies, patches and change rows: camelCase, enums as camelCase strings, strict reading.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new StrictEnumConverter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }

    /// <summary>Reads a JSON object strictly into <typeparamref name="T"/>; what does not fit is a 400 naming the field.</summary>
    public static T Read<T>(JsonNode node)
    {
        try
        {
            return Read(() => node.Deserialize<T>(Options));
        }
        catch (InvalidOperationException exception) when (RequestErrors.IsNotUnicode(exception))
        {
            // A node re-writes its text before the serializer reads it, so an unpaired surrogate escape ("\ud800", from a
            // CSV cell or a patch) fails outside the serializer, which would have named the field.
            throw NotUnicode(node);
        }
    }

    /// <summary>Reads one element of a larger body (a batch item) the same way, straight from the element.</summary>
    public static T Read<T>(JsonElement element) => Read(() => element.Deserialize<T>(Options));

    /// <summary>Fields assembled from a request, as one element; text that is not Unicode is a 400 naming its field.</summary>
    public static JsonElement Element(JsonObject fields)
    {
        try
        {
            return JsonSerializer.SerializeToElement(fields, Options);
        }
        catch (JsonException exception) when (RequestErrors.IsNotUnicode(exception))
        {
            throw NotUnicode(fields);
        }
    }

    /// <summary>A string the request sent, or null when it is not one (or is not Unicode): for matching, not for reading.</summary>
    public static string? TextOrNull(JsonNode? node)
    {
        try
        {
            return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (InvalidOperationException exception) when (RequestErrors.IsNotUnicode(exception))
        {
            return null;
        }
    }

    private static BadRequestFieldException NotUnicode(JsonNode node)
        => new((node as JsonObject)?.FirstOrDefault(f => !CanWrite(f.Value)).Key ?? "body", RequestErrors.NotUnicode);

    private static T Read<T>(Func<T?> deserialize)
    {
        try
        {
            return deserialize() ?? throw new BadRequestFieldException("body", "Expected a JSON object of the record's fields.");
        }
        catch (JsonException exception)
        {
            var (field, message) = RequestErrors.Describe(exception);
            throw new BadRequestFieldException(field, message);
        }
    }

    private static bool CanWrite(JsonNode? node)
    {
        try
        {
            node?.ToJsonString();
            return true;
        }
        catch (InvalidOperationException exception) when (RequestErrors.IsNotUnicode(exception))
        {
            return false;
        }
    }

    /// <summary>The API's spelling of an enum value, as stored in the database.</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum
        => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
