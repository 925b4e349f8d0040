namespace StakeholderCrm.Client;

/// <summary>The response headers a script acts on, read from the wrapped response (NSwag generates no typed headers).</summary>
public partial class CrmResponse
{
    /// <summary>The version of the resource, to send back in If-Match.</summary>
    public string? ETag => Header("ETag");

    /// <summary>Where a created resource lives.</summary>
    public string? Location => Header("Location");

    /// <summary>True when this is the stored answer to an earlier request with the same Idempotency-Key.</summary>
    public bool IdempotentReplayed => string.Equals(Header("Idempotent-Replayed"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first value of a response header, by case-insensitive name; null when absent.</summary>
    public string? Header(string name)
        => Headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
