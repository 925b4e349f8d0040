using System.Text.Json;
using System.Text.Json.Serialization;

namespace StakeholderCrm.Client;

/// <summary>The StakeholderCrm API client that NSwag generates from the contract; send the API key as a default header.</summary>
public partial class CrmClient
{
    // NSwag's System.Text.Json classes carry no JsonIgnore conditions, so every unset property would be sent as null: a
    // create would name fields it never set and a merge patch would clear them. Nothing is sent as null; a patch clears
    // fields by naming them in its Clear list. The enum converter covers enums inside arrays, which NSwag leaves without one.
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.Converters.Add(new JsonStringEnumConverter());
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }
}
