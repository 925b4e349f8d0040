using System.Text.Json;
using System.Text.Json.Serialization;

namespace StakeholderCrm.Api.Infrastructure.Http;

/// <summary>
/// Reads and writes every enum as its exact camelCase name; JsonStringEnumConverter also reads other cases
/// ("Company", "COMPANY"), which the contract does not list. Anything else is a <see cref="NotOneOfException"/>, which
/// <see cref="RequestErrors"/> turns into the field and its allowed values.
/// </summary>
public sealed class StrictEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(Strict<>).MakeGenericType(typeToConvert))!;

    private sealed class Strict<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => reader.TokenType == JsonTokenType.String && ApiEnum<TEnum>.TryParse(reader.GetString(), out var value) ? value
                : throw new NotOneOfException(ApiEnum<TEnum>.Names);

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
            => writer.WriteStringValue(Json.Name(value));
    }
}

/// <summary>A value that is not one of the enum's names. It carries no message, so the serializer adds its own with the path.</summary>
public sealed class NotOneOfException(IReadOnlyList<string> names) : JsonException
{
    public IReadOnlyList<string> Names => names;
}
