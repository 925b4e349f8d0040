using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Contacts;

/// <summary>What create and update share: the current role, the filter rows and the change row.</summary>
internal static class ContactWrites
{
    /// <summary>The open position that started last, among those already started on <paramref name="today"/>.</summary>
    public static Position? Current(IReadOnlyList<Position> positions, DateOnly today)
        => positions.Where(p => p.To is null && (p.From is null || p.From <= today)).OrderByDescending(p => p.From ?? DateOnly.MinValue).FirstOrDefault();

    public static async Task<ContactResponse> AfterWriteAsync(DbSession session, ChangeLog changes, Guid id, ContactFields fields,
        ChangeOperation operation, CancellationToken cancellationToken)
    {
        await SearchIndex.WriteAsync(session, ContactQueries.EntityType, id, [fields.FullName, fields.Email], cancellationToken);
        await ExternalIds.WriteAsync(session, ContactQueries.EntityType, id, fields.ExternalIds, cancellationToken);
        await session.ExecuteAsync(ContactSql.DeletePositions, new { Id = id }, cancellationToken);
        var positions = JsonRows.Json(fields.Positions.Select((p, i) => new { PositionNo = i, p.OrganisationId, FromDate = p.From, ToDate = p.To }));
        await session.ExecuteAsync(ContactSql.InsertPositions, new { ContactId = id, Rows = positions }, cancellationToken);
        var contact = await ContactQueries.LoadAsync(session, id, cancellationToken);
        await changes.RecordAsync(ContactQueries.EntityType, id, operation, contact.Version, contact, cancellationToken);
        return contact;
    }
}
