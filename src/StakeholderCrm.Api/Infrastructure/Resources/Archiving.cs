using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Infrastructure.Resources;

/// <summary>Archive and restore, the same for every resource: If-Match, a state check, one version bump, one change row.</summary>
public static class Archiving
{
    public static SqlText Statement(string table) => SqlText.Portable($"""
        UPDATE {table} SET archived = @Archived, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public static PreconditionFailedException Stale(string entityType)
        => new($"The {entityType} changed while this request ran; read it again for its ETag.");

    /// <summary>Archives or restores; <c>onUniqueViolation</c> names the live row a restore collides with, for resources with unique live fields.</summary>
    public static async Task<T> SetArchivedAsync<T>(
        DbSession session, ChangeLog changes, TimeProvider clock, SqlText statement, string entityType,
        Guid id, int? requiredVersion, bool archived, Func<Task<T>> load, CancellationToken cancellationToken,
        Func<T, Task<Exception>>? onUniqueViolation = null)
        where T : IArchivable
    {
        var current = await load();
        ETags.Check(requiredVersion, current.Version);
        if (current.Archived == archived)
        {
            throw new ConflictException(archived ? $"The {entityType} is already archived." : $"The {entityType} is not archived.", id);
        }
        try
        {
            var rows = await session.ExecuteAsync(statement, new { Id = id, Archived = archived, Now = clock.GetUtcNow(), current.Version }, cancellationToken);
            if (rows == 0) throw Stale(entityType);
        }
        catch (UniqueConstraintViolation) when (onUniqueViolation is not null)
        {
            throw await onUniqueViolation(current);
        }
        var changed = await load();
        await changes.RecordAsync(entityType, id, archived ? ChangeOperation.Archived : ChangeOperation.Restored, changed.Version, changed, cancellationToken);
        return changed;
    }

    /// <summary>Checks the ETag and that the record is live before a change to its fields.</summary>
    public static void CheckEditable(IArchivable current, int? requiredVersion, string entityType)
    {
        ETags.Check(requiredVersion, current.Version);
        if (current.Archived) throw new ConflictException($"The {entityType} is archived; restore it before changing it.", current.Id);
    }
}
