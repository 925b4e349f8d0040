using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Contacts;

/// <summary>What create and update share: the current role, the organisations named, the filter rows and the change row.</summary>
internal static class ContactWrites
{
    public static async Task<ContactResponse> LoadAsync(DbSession session, Guid id, CancellationToken cancellationToken)
        => await session.QuerySingleOrDefaultAsync<ContactResponse>(ContactSql.ById, new { Id = id }, cancellationToken)
           ?? throw new NotFoundException(ContactSql.EntityType, id);

    /// <summary>The open position that started last, among those already started on <paramref name="today"/>.</summary>
    public static Position? Current(IReadOnlyList<Position> positions, DateOnly today)
        => positions.Where(p => p.To is null && (p.From is null || p.From <= today)).OrderByDescending(p => p.From ?? DateOnly.MinValue).FirstOrDefault();

    public static async Task CheckOrganisationsAsync(DbSession session, IReadOnlyList<Position> positions, CancellationToken cancellationToken)
    {
        if (positions.Count == 0) return;
        var existing = (await session.QueryAsync<Guid>(ContactSql.ExistingOrganisations,
            new { Ids = IdSet.Json(positions.Select(p => p.OrganisationId)) }, cancellationToken)).ToHashSet();
        for (var i = 0; i < positions.Count; i++)
        {
            if (!existing.Contains(positions[i].OrganisationId))
            {
                throw new BadRequestFieldException($"positions[{i}].organisationId", $"No organisation has the id '{positions[i].OrganisationId}'.");
            }
        }
    }

    public static async Task<ContactResponse> AfterWriteAsync(DbSession session, ChangeLog changes, Guid id, ContactFields fields,
        ChangeOperation operation, CancellationToken cancellationToken)
    {
        await SearchIndex.WriteAsync(session, ContactSql.EntityType, id, [fields.FullName, fields.Email], cancellationToken);
        await ExternalIds.WriteAsync(session, ContactSql.EntityType, id, fields.ExternalIds, cancellationToken);
        await session.ExecuteAsync(ContactSql.DeletePositions, new { Id = id }, cancellationToken);
        var positions = JsonRows.Json(fields.Positions.Select((p, i) => new { PositionNo = i, p.OrganisationId, FromDate = p.From, ToDate = p.To }));
        await session.ExecuteAsync(ContactSql.InsertPositions, new { ContactId = id, Rows = positions }, cancellationToken);
        var contact = await LoadAsync(session, id, cancellationToken);
        await changes.RecordAsync(ContactSql.EntityType, id, operation, contact.Version, contact, cancellationToken);
        return contact;
    }
}
