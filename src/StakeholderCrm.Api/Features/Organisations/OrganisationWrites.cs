using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Organisations;

/// <summary>Steps that create and update share: the row and the filter rows.</summary>
internal static class OrganisationWrites
{
    private static readonly SqlText DeleteTags = SqlText.Portable("DELETE FROM organisation_tags WHERE organisation_id = @Id");
    private static readonly SqlText InsertTags = new(
        Sqlite: "INSERT INTO organisation_tags (organisation_id, tag_key) SELECT @OrganisationId, j.value FROM json_each(@Rows) j",
        SqlServer: "INSERT INTO organisation_tags (organisation_id, tag_key) SELECT @OrganisationId, j.[value] FROM OPENJSON(@Rows) j");

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
        InterestRepresentativeOverride = fields.InterestRepresentativeOverride?.Value,
        InterestRepresentativeReason = fields.InterestRepresentativeOverride?.Reason,
        Now = now,
    };

    /// <summary>Rewrites the rows that serve the <c>q</c> and <c>tag</c> filters.</summary>
    public static async Task IndexAsync(DbSession session, Guid id, OrganisationFields fields, CancellationToken cancellationToken)
    {
        await SearchIndex.WriteAsync(session, OrganisationQueries.EntityType, id, [fields.Name, .. fields.Aliases], cancellationToken);
        await ExternalIds.WriteAsync(session, OrganisationQueries.EntityType, id, fields.ExternalIds, cancellationToken);
        await session.ExecuteAsync(DeleteTags, new { Id = id }, cancellationToken);
        await session.ExecuteAsync(InsertTags, new { OrganisationId = id, Rows = JsonRows.Json(fields.Tags.Select(Text.Key)) }, cancellationToken);
    }
}
