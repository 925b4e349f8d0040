using FluentValidation;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Infrastructure.Resources;

/// <summary>An id another system knows the record by, e.g. <c>{"system": "home-ares", "id": "Ares(2021)4185273"}</c>.</summary>
public sealed record ExternalId : IStoredAsJson
{
    /// <example>home-ares</example>
    [OpenApi.RequiredField] public string? System { get; init; }
    /// <example>Ares(2021)4185273</example>
    [OpenApi.RequiredField] public string? Id { get; init; }
}

/// <summary>Resources other systems sync by their own ids.</summary>
public interface IHasExternalIds
{
    IReadOnlyList<ExternalId> ExternalIds { get; }
}

/// <summary>The validation and the lookup rows shared by every resource with external ids; each id is unique per system.</summary>
public static class ExternalIds
{
    public const int MaxPerRecord = 20;
    public const string SystemPattern = "^[A-Za-z0-9._-]{1,50}$";

    private static readonly SqlText Delete = SqlText.Portable("DELETE FROM external_ids WHERE entity_type = @EntityType AND entity_id = @Id");
    private static readonly SqlText Insert = new(
        Sqlite: """
            INSERT INTO external_ids (entity_type, system, external_id, entity_id)
            SELECT @EntityType, json_extract(j.value, '$.system'), json_extract(j.value, '$.external_id'), @Id FROM json_each(@Rows) j
            """,
        SqlServer: """
            INSERT INTO external_ids (entity_type, system, external_id, entity_id)
            SELECT @EntityType, r.system, r.external_id, @Id FROM OPENJSON(@Rows) WITH (system nvarchar(max), external_id nvarchar(max)) r
            """);
    private static readonly SqlText Owner = SqlText.Portable(
        "SELECT entity_id FROM external_ids WHERE entity_type = @EntityType AND system = @System AND external_id = @ExternalId");

    public static void AddRules<T>(AbstractValidator<T> validator) where T : IHasExternalIds
    {
        validator.RuleFor(r => r.ExternalIds).NotNull().Must(ids => ids.Count <= MaxPerRecord).WithMessage($"At most {MaxPerRecord} external ids.");
        validator.RuleForEach(r => r.ExternalIds).NotNull().ChildRules(external =>
        {
            external.RuleFor(e => e.System).NotEmpty().Matches(SystemPattern).WithMessage("'system' is 1 to 50 letters, digits, '.', '_' or '-'.");
            external.RuleFor(e => e.Id).NotEmpty().MaximumLength(200);
        });
        validator.RuleForEach(r => r.ExternalIds).Cascade(CascadeMode.Continue)
            .Must((r, e) => e is null || !r.ExternalIds.TakeWhile(o => !ReferenceEquals(o, e)).Any(o => o?.System == e.System && o?.Id == e.Id))
            .WithMessage("This external id is already listed.");
    }

    public static Task<Guid?> FindAsync(DbSession session, string entityType, string system, string externalId, CancellationToken cancellationToken)
        => session.QuerySingleOrDefaultAsync<Guid?>(Owner, new { EntityType = entityType, System = system, ExternalId = externalId }, cancellationToken);

    /// <summary>
    /// Rewrites the record's lookup rows, all in one statement; an id another record already has is a 409 naming
    /// that record, the first such id in the list.
    /// </summary>
    public static async Task WriteAsync(DbSession session, string entityType, Guid id, IReadOnlyList<ExternalId> externalIds,
        CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(Delete, new { EntityType = entityType, Id = id }, cancellationToken);
        try
        {
            var rows = JsonRows.Json(externalIds.Select(e => new { e.System, ExternalId = e.Id }));
            await session.ExecuteAsync(Insert, new { EntityType = entityType, Rows = rows, Id = id }, cancellationToken);
        }
        catch (UniqueConstraintViolation)
        {
            // The failed statement wrote nothing and this record's own rows are gone, so whoever has one of these ids is another record.
            foreach (var external in externalIds)
            {
                if (await FindAsync(session, entityType, external.System!, external.Id!, cancellationToken) is { } owner)
                {
                    throw new ConflictException($"The external id {external.System}/{external.Id} already belongs to another {entityType}.", owner);
                }
            }
            throw new ConflictException($"An external id already belongs to another {entityType}.");
        }
    }
}
