using System.Text.Json;
using System.Text.Json.Serialization;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>
/// JSON as the database stores it (a change row's entity), written into a response as it is: checked while written,
/// not parsed into a document and serialised again. A 500-change page spent a fifth of its time on that.
/// </summary>
[JsonConverter(typeof(StoredJsonConverter))]
public readonly record struct StoredJson(string Text)
{
    private sealed class StoredJsonConverter : JsonConverter<StoredJson>
    {
        public override StoredJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return new StoredJson(document.RootElement.GetRawText());
        }

        public override void Write(Utf8JsonWriter writer, StoredJson value, JsonSerializerOptions options)
            => writer.WriteRawValue(value.Text, skipInputValidation: false);
    }
}
