using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Organisations;

/// <summary>Steps that create, update, archive and restore share: reading, the parent rule, the search rows, conflicts.</summary>
internal static class OrganisationWrites
{
    public const string EntityType = "organisation";

    private static readonly SqlText AncestorIsSelf = new(
        Sqlite: """
            WITH RECURSIVE ancestors (id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM organisations WHERE id = @ParentId
                UNION ALL
                SELECT o.id, o.parent_id, a.depth + 1 FROM organisations o JOIN ancestors a ON o.id = a.parent_id WHERE a.depth < 100
            )
            SELECT COUNT(*) FROM ancestors WHERE id = @Id
            """,
        SqlServer: """
            WITH ancestors (id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM organisations WHERE id = @ParentId
                UNION ALL
                SELECT o.id, o.parent_id, a.depth + 1 FROM organisations o JOIN ancestors a ON o.id = a.parent_id WHERE a.depth < 100
            )
            SELECT COUNT(*) FROM ancestors WHERE id = @Id
            """);

    private static readonly SqlText SetArchived = SqlText.Portable("""
        UPDATE organisations SET archived = @Archived, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """);

    public static async Task<OrganisationResponse> LoadAsync(DbSession session, Guid id, CancellationToken cancellationToken)
        => await session.QuerySingleOrDefaultAsync<OrganisationResponse>(OrganisationSql.ById, new { Id = id }, cancellationToken)
           ?? throw new NotFoundException(EntityType, id);

    /// <summary>An unknown parent is a 400 on <c>parentId</c>; a parent that is the organisation or its descendant is a 409.</summary>
    public static async Task CheckParentAsync(DbSession session, Guid id, Guid? parentId, CancellationToken cancellationToken)
    {
        if (parentId is not { } parent) return;
        if (parent == id) throw new ConflictException("An organisation cannot be its own parent.", id);
        if (await session.ExecuteScalarAsync<long>(OrganisationSql.Exists, new { Id = parent }, cancellationToken) == 0)
        {
            throw new BadRequestFieldException("parentId", $"No organisation has the id '{parent}'.");
        }
        if (await session.ExecuteScalarAsync<long>(AncestorIsSelf, new { Id = id, ParentId = parent }, cancellationToken) > 0)
        {
            throw new ConflictException($"Organisation '{parent}' is below this organisation, so it cannot be its parent: that would make a cycle.", parent);
        }
    }

    /// <summary>Rewrites the rows that serve the <c>q</c> and <c>tag</c> filters.</summary>
    public static async Task IndexAsync(DbSession session, Guid id, OrganisationFields fields, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(OrganisationSql.DeleteTerms, new { Id = id }, cancellationToken);
        await session.ExecuteAsync(OrganisationSql.DeleteTags, new { Id = id }, cancellationToken);
        var terms = Text.SearchTerms([fields.Name!, .. fields.Aliases]);
        await session.ExecuteAsync(OrganisationSql.InsertTerm, terms.Select(term => new { OrganisationId = id, Term = term }), cancellationToken);
        await session.ExecuteAsync(OrganisationSql.InsertTag, fields.Tags.Select(tag => new { OrganisationId = id, TagKey = Text.Key(tag) }), cancellationToken);
    }

    /// <summary>Names the live organisation that already has this name or register id, after a unique index refused the row.</summary>
    public static async Task<ConflictException> DuplicateAsync(DbSession session, Guid id, OrganisationFields fields, CancellationToken cancellationToken)
    {
        var nameKey = Text.Key(fields.Name!);
        var existing = (await session.QueryAsync<(Guid Id, string NameKey)>(OrganisationSql.LiveDuplicate,
            new { Id = id, NameKey = nameKey, fields.TransparencyRegisterId }, cancellationToken)).ToList();
        if (existing.Count == 0) return new ConflictException("The organisation conflicts with another one.");
        var byName = existing.FirstOrDefault(e => e.NameKey == nameKey);
        return byName.Id != Guid.Empty
            ? new ConflictException($"A live organisation named '{fields.Name}' already exists.", byName.Id)
            : new ConflictException($"A live organisation with transparency register id '{fields.TransparencyRegisterId}' already exists.", existing[0].Id);
    }

    /// <summary>Another writer changed the row between our read and our write (possible on SQL Server).</summary>
    public static PreconditionFailedException Stale() => new("The organisation changed while this request ran; read it again for its ETag.");

    public static async Task<OrganisationResponse> SetArchivedAsync(
        DbSession session, ChangeLog changes, TimeProvider clock, Guid id, int? requiredVersion, bool archived, CancellationToken cancellationToken)
    {
        var current = await LoadAsync(session, id, cancellationToken);
        ETags.Check(requiredVersion, current.Version);
        if (current.Archived == archived)
        {
            throw new ConflictException(archived ? "The organisation is already archived." : "The organisation is not archived.", id);
        }
        try
        {
            var rows = await session.ExecuteAsync(SetArchived, new { Id = id, Archived = archived, Now = clock.GetUtcNow(), current.Version }, cancellationToken);
            if (rows == 0) throw Stale();
        }
        catch (UniqueConstraintViolation)
        {
            throw await DuplicateAsync(session, id, current, cancellationToken);
        }
        var changed = await LoadAsync(session, id, cancellationToken);
        await changes.RecordAsync(EntityType, id, archived ? ChangeOperation.Archived : ChangeOperation.Restored, changed.Version, changed, cancellationToken);
        return changed;
    }
}
