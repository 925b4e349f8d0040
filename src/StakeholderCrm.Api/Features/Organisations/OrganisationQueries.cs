using System.Text.Json;
using StakeholderCrm.Api.Features.TransparencyRegister;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Organisations;

/// <summary>Reading organisations: the columns, one by id, and the checks a write makes before it writes.</summary>
internal static class OrganisationQueries
{
    public const string EntityType = "organisation";

    public const string Columns = """
        o.id, o.name, o.kind, o.internal, o.transparency_register_id, o.country, o.website, o.aliases, o.parent_id,
        o.tags, o.notes, o.external_ids, o.version, o.created_at, o.updated_at, o.archived,
        o.interest_representative_override AS stored_override_value, o.interest_representative_reason AS stored_override_reason
        """;

    public static readonly SqlText ById = SqlText.Portable($"SELECT {Columns} FROM organisations o WHERE o.id = @Id");

    /// <summary>Whether <c>@Id</c> names an organisation, archived or not.</summary>
    public static readonly SqlText Exists = Hierarchy.ExistsStatement("organisations");
    /// <summary>The organisations among <c>{ids}</c> that exist, each with whether it is one of our own units.</summary>
    public static readonly SqlText ExistingUnits = IdSet.Statement("SELECT id, internal FROM organisations WHERE id IN ({ids})");
    /// <summary>The organisations among <c>{ids}</c>, each with its name and aliases, for the short name a report shows.</summary>
    public static readonly SqlText Names = IdSet.Statement("SELECT id, name, aliases FROM organisations WHERE id IN ({ids})");
    public static readonly SqlText AncestorIsSelf = Hierarchy.AncestorStatement("organisations");

    public static readonly SqlText LiveDuplicate = SqlText.Portable("""
        SELECT id, name_key FROM organisations
        WHERE archived = 0 AND id <> @Id AND (name_key = @NameKey OR transparency_register_id = @TransparencyRegisterId)
        """);

    public static async Task<OrganisationResponse> LoadAsync(DbSession session, Guid id, CancellationToken cancellationToken)
        => await WithRegistrationAsync(session, await session.QuerySingleOrDefaultAsync<OrganisationResponse>(ById, new { Id = id }, cancellationToken)
           ?? throw new NotFoundException(EntityType, id), cancellationToken);

    public static async Task<OrganisationResponse> WithRegistrationAsync(DbSession session, OrganisationResponse organisation, CancellationToken cancellationToken)
        => (await WithRegistrationsAsync(session, [organisation], cancellationToken))[0];

    /// <summary>
    /// Adds the register entry and whether registered today to each organisation: one query for the entries of the
    /// well-formed codes, and one more only when a code is not found (to ask whether a register was ever imported).
    /// </summary>
    public static async Task<IReadOnlyList<OrganisationResponse>> WithRegistrationsAsync(
        DbSession session, IReadOnlyList<OrganisationResponse> organisations, CancellationToken cancellationToken)
    {
        var codes = organisations.Select(o => o.TransparencyRegisterId).Where(RegisterFile.IsIdentificationCode).Distinct().ToList();
        if (codes.Count == 0) return organisations;
        var entries = (await session.QueryAsync<RegisterEntryResponse>(RegisterQueries.ByCodes, new { Codes = JsonSerializer.Serialize(codes) }, cancellationToken))
            .ToDictionary(e => e.IdentificationCode, StringComparer.Ordinal);
        var anyImport = entries.Count > 0
            || (codes.Count > entries.Count && await session.ExecuteScalarAsync<int>(RegisterQueries.AnyImport, null, cancellationToken) == 1);
        return organisations.Select(o =>
        {
            var entry = o.TransparencyRegisterId is { } code ? entries.GetValueOrDefault(code) : null;
            return o with { Registration = entry, Registered = RegisterQueries.IsRegistered(o.TransparencyRegisterId, entry, anyImport) };
        }).ToList();
    }

    public static Task CheckParentAsync(DbSession session, Guid id, Guid? parentId, CancellationToken cancellationToken)
        => Hierarchy.CheckParentAsync(session, Exists, AncestorIsSelf, EntityType, id, parentId, cancellationToken);

    /// <summary>Names the live organisation that already has this name or register id, after a unique index refused the row.</summary>
    public static async Task<Exception> DuplicateAsync(DbSession session, Guid id, OrganisationFields fields, CancellationToken cancellationToken)
    {
        var nameKey = Text.Key(fields.Name!);
        var existing = (await session.QueryAsync<(Guid Id, string NameKey)>(LiveDuplicate,
            new { Id = id, NameKey = nameKey, fields.TransparencyRegisterId }, cancellationToken)).ToList();
        if (existing.Count == 0) return new ConflictException("The organisation conflicts with another one.");
        var byName = existing.FirstOrDefault(e => e.NameKey == nameKey);
        return byName.Id != Guid.Empty
            ? new ConflictException($"A live organisation named '{fields.Name}' already exists.", byName.Id)
            : new ConflictException($"A live organisation with transparency register id '{fields.TransparencyRegisterId}' already exists.", existing[0].Id);
    }
}
