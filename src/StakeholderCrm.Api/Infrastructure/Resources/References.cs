using FluentValidation;
using FluentValidation.Results;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;

namespace StakeholderCrm.Api.Infrastructure.Resources;

/// <summary>
/// Checks that the ids a request names exist, collecting a 400 failure per missing one at its path
/// (<c>topicIds[1]</c>, <c>evidence.engagementId</c>), then throws them together.
/// </summary>
public sealed class References(DbSession session, Caller caller)
{
    private readonly List<ValidationFailure> failures = [];

    public static SqlText Exists(string table) => SqlText.Portable($"SELECT COUNT(*) FROM {table} WHERE id = @Id");

    public static SqlText ExistingIds(string table) => IdSet.Statement($"SELECT id FROM {table} WHERE id IN ({{ids}})");

    public async Task<References> OneAsync(SqlText exists, Guid? id, string path, string entity, CancellationToken cancellationToken)
    {
        if (id is { } value && await session.ExecuteScalarAsync<long>(exists, new { Id = value, caller.Cleared }, cancellationToken) == 0)
        {
            Fail(path, $"No {entity} has the id '{value}'.");
        }
        return this;
    }

    public async Task<References> ManyAsync(SqlText existingIds, IReadOnlyList<Guid> ids, string path, string entity, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return this;
        var found = (await session.QueryAsync<Guid>(existingIds, new { Ids = IdSet.Json(ids) }, cancellationToken)).ToHashSet();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!found.Contains(ids[i])) Fail($"{path}[{i}]", $"No {entity} has the id '{ids[i]}'.");
        }
        return this;
    }

    public void Fail(string path, string message) => failures.Add(new ValidationFailure(path, message));

    public bool HasFailed(string path) => failures.Any(f => f.PropertyName == path);

    public void ThrowIfInvalid()
    {
        if (failures.Count > 0) throw new ValidationException(failures);
    }
}
