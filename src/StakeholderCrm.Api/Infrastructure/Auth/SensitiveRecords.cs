using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Auth;

/// <summary>
/// Sensitive engagements, and the commitments, memberships and figures that come from them, exist only for callers
/// cleared for them. Every read adds one of these fragments and binds <c>@Cleared</c> from <see cref="Caller.Cleared"/>.
/// </summary>
public static class SensitiveRecords
{
    private const string SensitiveEngagements = "SELECT se.id FROM engagements se WHERE se.confidentiality = 'sensitive'";

    /// <summary>The engagement row <paramref name="alias"/> is visible.</summary>
    public static string VisibleEngagement(string alias) => $"(@Cleared = 1 OR {alias}.confidentiality <> 'sensitive')";

    /// <summary>A row whose source engagement column is <paramref name="column"/> is visible.</summary>
    public static string VisibleSource(string column) => $"(@Cleared = 1 OR {column} IS NULL OR {column} NOT IN ({SensitiveEngagements}))";

    /// <summary>Everything hidden from callers without clearance; ids are GUIDs unique across tables.</summary>
    private const string HiddenIds = $"""
        {SensitiveEngagements}
        UNION ALL SELECT hc.id FROM commitments hc WHERE hc.made_in_engagement_id IN ({SensitiveEngagements})
        UNION ALL SELECT hm.id FROM memberships hm WHERE hm.source_engagement_id IN ({SensitiveEngagements})
        UNION ALL SELECT hf.id FROM figures hf WHERE hf.source_engagement_id IN ({SensitiveEngagements})
        """;

    /// <summary>A change row (or any row naming an entity in <paramref name="column"/>) about something visible.</summary>
    public static string VisibleEntity(string column) => $"(@Cleared = 1 OR {column} NOT IN ({HiddenIds}))";

    public static readonly SqlText HiddenEntity = SqlText.Portable($"SELECT COUNT(*) FROM ({HiddenIds}) hidden WHERE hidden.id = @Id");

    public static readonly SqlText EngagementExists = SqlText.Portable($"SELECT COUNT(*) FROM engagements e WHERE e.id = @Id AND {VisibleEngagement("e")}");

    private static readonly SqlText IsSensitive = SqlText.Portable("SELECT COUNT(*) FROM engagements WHERE id = @Id AND confidentiality = 'sensitive'");

    /// <summary>True when the caller may not see something that comes from this engagement.</summary>
    public static async Task<bool> HidesAsync(DbSession session, Caller caller, Guid? sourceEngagementId, CancellationToken cancellationToken)
        => !caller.Cleared && sourceEngagementId is { } id && await session.ExecuteScalarAsync<long>(IsSensitive, new { Id = id }, cancellationToken) > 0;
}
