using System.Text.Json;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Infrastructure.Changes;

public enum ChangeOperation { Created, Updated, Archived, Restored, Erased }

/// <summary>
/// Writes one change row per entity a command touched, inside the command's transaction, so a failed command
/// leaves none. The rows are the base of the audit history and the change feed.
/// </summary>
public sealed class ChangeLog(DbSession session, Caller caller, TimeProvider clock, UnitOfWork unitOfWork, OutboxSignal outbox)
{
    private static readonly SqlText Insert = SqlText.Portable("""
        INSERT INTO changes (entity_type, entity_id, operation, version, actor, occurred_at, data)
        VALUES (@EntityType, @EntityId, @Operation, @Version, @Actor, @OccurredAt, @Data)
        """);

    public async Task RecordAsync<T>(string entityType, Guid entityId, ChangeOperation operation, int version, T entity, CancellationToken cancellationToken)
    {
        if (!session.InTransaction) throw new InvalidOperationException("Change rows are written only inside a command's transaction.");
        await session.ExecuteAsync(Insert, new
        {
            EntityType = entityType,
            EntityId = entityId,
            Operation = Json.Name(operation),
            Version = version,
            Actor = caller.Name,
            OccurredAt = clock.GetUtcNow(),
            Data = JsonSerializer.Serialize(entity, Json.Options),
        }, cancellationToken);
        unitOfWork.AfterCommit(outbox.Raise);
    }
}
