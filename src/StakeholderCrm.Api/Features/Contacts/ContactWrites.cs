using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Resources;

namespace StakeholderCrm.Api.Features.Contacts;

/// <summary>What create and update share: the current role, the filter rows and the change row.</summary>
internal static class ContactWrites
{
    private static readonly SqlText DeletePositions = SqlText.Portable("DELETE FROM contact_positions WHERE contact_id = @Id");
    private static readonly SqlText InsertPositions = new(
        Sqlite: """
            INSERT INTO contact_positions (contact_id, position_no, organisation_id, from_date, to_date)
            SELECT @ContactId, json_extract(j.value, '$.position_no'), json_extract(j.value, '$.organisation_id'),
                json_extract(j.value, '$.from_date'), json_extract(j.value, '$.to_date')
            FROM json_each(@Rows) j
            """,
        SqlServer: """
            INSERT INTO contact_positions (contact_id, position_no, organisation_id, from_date, to_date)
            SELECT @ContactId, r.position_no, r.organisation_id, r.from_date, r.to_date
            FROM OPENJSON(@Rows) WITH (position_no int, organisation_id uniqueidentifier, from_date date, to_date date) r
            """);

    /// <summary>The open position that started last, among those already started on <paramref name="today"/>.</summary>
    public static Position? Current(IReadOnlyList<Position> positions, DateOnly today)
        => positions.Where(p => p.To is null && (p.From is null || p.From <= today)).OrderByDescending(p => p.From ?? DateOnly.MinValue).FirstOrDefault();

    public static async Task<ContactResponse> AfterWriteAsync(DbSession session, ChangeLog changes, Guid id, ContactFields fields,
        ChangeOperation operation, CancellationToken cancellationToken)
    {
        await SearchIndex.WriteAsync(session, ContactQueries.EntityType, id, [fields.FullName, fields.Email], cancellationToken);
        await ExternalIds.WriteAsync(session, ContactQueries.EntityType, id, fields.ExternalIds, cancellationToken);
        await session.ExecuteAsync(DeletePositions, new { Id = id }, cancellationToken);
        var positions = JsonRows.Json(fields.Positions.Select((p, i) => new { PositionNo = i, p.OrganisationId, FromDate = p.From, ToDate = p.To }));
        await session.ExecuteAsync(InsertPositions, new { ContactId = id, Rows = positions }, cancellationToken);
        var contact = await ContactQueries.LoadAsync(session, id, cancellationToken);
        await changes.RecordAsync(ContactQueries.EntityType, id, operation, contact.Version, contact, cancellationToken);
        return contact;
    }
}
