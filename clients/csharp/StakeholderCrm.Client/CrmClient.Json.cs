using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace StakeholderCrm.Client;

/// <summary>The StakeholderCrm API client that NSwag generates from the contract; send the API key as a default header.</summary>
public partial class CrmClient
{
    // NSwag's System.Text.Json classes carry no JsonIgnore conditions, so every unset property would be sent as null: a
    // create would name fields it never set and a merge patch would clear them. A null is sent only when MergePatch.Clear
    // asked for it. The enum converter covers enums inside arrays, which NSwag leaves without a converter.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.Converters.Add(new JsonStringEnumConverter());
        settings.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SendNullsOnlyWhenCleared } };
    }

    private static void SendNullsOnlyWhenCleared(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in type.Properties.Where(p => !p.IsExtensionData))
        {
            var name = property.Name;
            property.ShouldSerialize = (body, value) => value is not null || MergePatch.IsCleared(body, name);
        }
    }
}
