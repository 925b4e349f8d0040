using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Organisations;

/// <summary>Steps that create, update, archive and restore share: reading, the parent rule, the filter rows, conflicts.</summary>
internal static class OrganisationWrites
{
    public const string EntityType = "organisation";

    public static async Task<OrganisationResponse> LoadAsync(DbSession session, Guid id, CancellationToken cancellationToken)
        => await session.QuerySingleOrDefaultAsync<OrganisationResponse>(OrganisationSql.ById, new { Id = id }, cancellationToken)
           ?? throw new NotFoundException(EntityType, id);

    public static Task CheckParentAsync(DbSession session, Guid id, Guid? parentId, CancellationToken cancellationToken)
        => Hierarchy.CheckParentAsync(session, OrganisationSql.Exists, OrganisationSql.AncestorIsSelf, EntityType, id, parentId, cancellationToken);

    /// <summary>The columns a create or an update writes: the name trimmed, the country in capitals.</summary>
    public static object Row(Guid id, int version, OrganisationFields fields, DateTimeOffset now) => new
    {
        Id = id,
        Version = version,
        Name = fields.Name!.Trim(),
        NameKey = Text.Key(fields.Name),
        Kind = Json.Name(fields.Kind!.Value),
        fields.Internal,
        fields.TransparencyRegisterId,
        Country = fields.Country?.ToUpperInvariant(),
        fields.Website,
        fields.Aliases,
        fields.ParentId,
        fields.Tags,
        fields.Notes,
        fields.ExternalIds,
        Now = now,
    };

    /// <summary>Rewrites the rows that serve the <c>q</c> and <c>tag</c> filters.</summary>
    public static async Task IndexAsync(DbSession session, Guid id, OrganisationFields fields, CancellationToken cancellationToken)
    {
        await SearchIndex.WriteAsync(session, EntityType, id, [fields.Name, .. fields.Aliases], cancellationToken);
        await ExternalIds.WriteAsync(session, EntityType, id, fields.ExternalIds, cancellationToken);
        await session.ExecuteAsync(OrganisationSql.DeleteTags, new { Id = id }, cancellationToken);
        await session.ExecuteAsync(OrganisationSql.InsertTags, new { OrganisationId = id, Rows = JsonRows.Json(fields.Tags.Select(Text.Key)) }, cancellationToken);
    }

    /// <summary>Names the live organisation that already has this name or register id, after a unique index refused the row.</summary>
    public static async Task<Exception> DuplicateAsync(DbSession session, Guid id, OrganisationFields fields, CancellationToken cancellationToken)
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

    public static Task<OrganisationResponse> SetArchivedAsync(
        DbSession session, ChangeLog changes, TimeProvider clock, Guid id, int? requiredVersion, bool archived, CancellationToken cancellationToken)
        => Archiving.SetArchivedAsync(session, changes, clock, OrganisationSql.SetArchived, EntityType, id, requiredVersion, archived,
            () => LoadAsync(session, id, cancellationToken), cancellationToken,
            onUniqueViolation: current => DuplicateAsync(session, id, current, cancellationToken));
}
