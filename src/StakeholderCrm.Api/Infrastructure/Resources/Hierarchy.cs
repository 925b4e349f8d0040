using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Infrastructure.Resources;

/// <summary>Parent links (organisation under organisation, topic under topic): the parent must exist and no cycle may form.</summary>
public static class Hierarchy
{
    public static SqlText ExistsStatement(string table) => References.Exists(table);

    /// <summary>Counts @Id among the ancestors of @ParentId, the parent included; depth-capped against damaged data.</summary>
    public static SqlText AncestorStatement(string table) => new(
        Sqlite: $"""
            WITH RECURSIVE ancestors (id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM {table} WHERE id = @ParentId
                UNION ALL
                SELECT t.id, t.parent_id, a.depth + 1 FROM {table} t JOIN ancestors a ON t.id = a.parent_id WHERE a.depth < 100
            )
            SELECT COUNT(*) FROM ancestors WHERE id = @Id
            """,
        SqlServer: $"""
            WITH ancestors (id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM {table} WHERE id = @ParentId
                UNION ALL
                SELECT t.id, t.parent_id, a.depth + 1 FROM {table} t JOIN ancestors a ON t.id = a.parent_id WHERE a.depth < 100
            )
            SELECT COUNT(*) FROM ancestors WHERE id = @Id
            """);

    /// <summary>An unknown parent is a 400 on <c>parentId</c>; the record itself or a descendant as parent is a 409.</summary>
    public static async Task CheckParentAsync(DbSession session, SqlText exists, SqlText ancestor, string entityType,
        Guid id, Guid? parentId, CancellationToken cancellationToken)
    {
        if (parentId is not { } parent) return;
        if (parent == id) throw new ConflictException($"A {entityType} cannot be its own parent.", id);
        if (await session.ExecuteScalarAsync<long>(exists, new { Id = parent }, cancellationToken) == 0)
        {
            throw new BadRequestFieldException("parentId", $"No {entityType} has the id '{parent}'.");
        }
        if (await session.ExecuteScalarAsync<long>(ancestor, new { Id = id, ParentId = parent }, cancellationToken) > 0)
        {
            throw new ConflictException($"{entityType} '{parent}' is below this {entityType}, so it cannot be its parent: that would make a cycle.", parent);
        }
    }
}
