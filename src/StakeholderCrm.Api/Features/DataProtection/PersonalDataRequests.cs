using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>
/// The log of what was done with a person's data under Regulation (EU) 2018/1725: who, when, why; never the data. Who is the
/// caller (a key's name), not a data subject, and is kept; a reason may name the person, and an erasure scrubs it.
/// </summary>
internal static class PersonalDataRequests
{
    /// <summary>The SQL Server column's length, 0 for nvarchar(max) (migration 0029): "[erased]" in place of a shorter name must not overflow it.</summary>
    internal const int ReasonLength = 0;

    private static readonly SqlText ReasonsHolding = ErasedValues.Holding("id, reason", "personal_data_requests", "reason");
    private static readonly SqlText RewriteReason = ErasedValues.Rewrite("personal_data_requests", "reason", "id", ReasonLength);

    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO personal_data_requests (id, contact_id, kind, requested_by, requested_at, reason)
        VALUES (@Id, @ContactId, @Kind, @RequestedBy, @RequestedAt, @Reason)
        """);

    public static Task RecordAsync(DbSession session, Guid contactId, string kind, string requestedBy, DateTimeOffset at, string? reason,
        CancellationToken cancellationToken)
        => session.ExecuteAsync(Insert, new
        {
            Id = Guid.CreateVersion7(), ContactId = contactId, Kind = kind, RequestedBy = requestedBy,
            RequestedAt = at, Reason = reason
        }, cancellationToken);

    /// <summary>Every logged reason naming the erased person, the erasure's own included, holds "[erased]" in place of the name, e-mail and phone.</summary>
    public static async Task ScrubReasonsAsync(DbSession session, ErasedValues erased, CancellationToken cancellationToken)
    {
        foreach (var logged in await session.QueryAsync<LoggedReason>(ReasonsHolding, erased.Patterns(), cancellationToken))
        {
            var scrubbed = erased.Replace(logged.Reason, EraseContactHandler.Redaction);
            if (scrubbed != logged.Reason) await session.ExecuteAsync(RewriteReason, new { Text = scrubbed, Key0 = logged.Id }, cancellationToken);
        }
    }

    private sealed record LoggedReason
    {
        public Guid Id { get; init; }
        public string Reason { get; init; } = "";
    }
}
