using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>The log of what was done with a person's data under Regulation (EU) 2018/1725: who, when, why; never the data.</summary>
internal static class PersonalDataRequests
{
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
}
