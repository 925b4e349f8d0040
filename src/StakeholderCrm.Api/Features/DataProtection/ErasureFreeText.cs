using StakeholderCrm.Api.Features.Bodies;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Figures;
using StakeholderCrm.Api.Features.Memberships;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Features.Topics;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;

namespace StakeholderCrm.Api.Features.DataProtection;

/// <summary>
/// The free text an erasure lists where it still names the person, and redacts when asked (ADR 019 lists what is here and
/// why the rest is not).
/// </summary>
internal static class ErasureFreeText
{
    /// <summary>nvarchar(max) on SQL Server: nothing to cap.</summary>
    private const int Unlimited = 0;

    /// <summary>
    /// By entity type and field as the API names them; the id column names the record. The length is the SQL Server column's:
    /// "[erased]" is longer than a short name, and must not make a full column overflow.
    /// </summary>
    internal static readonly (string EntityType, string Field, string Table, string Id, string Column, int SqlServerLength)[] Columns =
    [
        ("engagement", "title", "engagements", "id", "title", 600),
        ("engagement", "location", "engagements", "id", "location", 400),
        ("engagement", "purpose", "engagements", "id", "purpose", Unlimited),
        ("engagement", "summary", "engagements", "id", "summary", Unlimited),
        ("engagement", "unregisteredOverride", "engagements", "id", "unregistered_override_reason", 2000),
        ("engagement", "publication", "engagements", "id", "publication_url", 2048),
        ("engagement", "publication", "engagements", "id", "exemption_reason", 2000),
        ("engagement", "keyPoints", "engagement_key_points", "engagement_id", "text", Unlimited),
        ("engagement", "links", "engagement_links", "engagement_id", "title", 600),
        ("engagement", "links", "engagement_links", "engagement_id", "url", 2048),
        ("engagement", "participants", "engagement_participants", "engagement_id", "role", 200),
        ("engagement", "participants", "engagement_participants", "engagement_id", "title", 400),
        ("commitment", "title", "commitments", "id", "title", 600),
        ("commitment", "description", "commitments", "id", "description", Unlimited),
        ("commitment", "targetEvent", "commitments", "id", "target_event", 600),
        ("commitment", "history", "commitment_transitions", "commitment_id", "note", Unlimited),
        ("commitment", "history", "commitment_transitions", "commitment_id", "evidence_url", 2048),
        ("commitment", "history", "commitment_transitions", "commitment_id", "evidence_note", Unlimited),
        ("contact", "notes", "contacts", "id", "notes", Unlimited),
        ("organisation", "notes", "organisations", "id", "notes", Unlimited),
        ("organisation", "website", "organisations", "id", "website", 2048),
        ("organisation", "interestRepresentativeOverride", "organisations", "id", "interest_representative_reason", 500),
        ("topic", "description", "topics", "id", "description", Unlimited),
        ("body", "description", "bodies", "id", "description", Unlimited),
        ("body", "website", "bodies", "id", "website", 2048),
        ("membership", "notes", "memberships", "id", "notes", Unlimited),
        ("membership", "history", "membership_history", "membership_id", "note", Unlimited),
        ("figure", "note", "figures", "id", "note", Unlimited),
    ];

    private static readonly SqlText Find = SqlText.Portable(string.Join("\nUNION\n", Columns.Select(c =>
        $"SELECT '{c.EntityType}' AS entity_type, {c.Id} AS id, '{c.Field}' AS field FROM {c.Table} WHERE {ErasedValues.Matching(c.Column)}")));

    private static readonly SqlText[] Redact = Columns.Select(c => ErasedValues.Redaction(c.Table, c.Column, c.SqlServerLength)).ToArray();

    /// <summary>The records other than engagements and commitments whose free text a redaction changes, each its table.</summary>
    private static readonly (string EntityType, string Table)[] OtherRecords = Columns
        .Where(c => c.Id == "id" && c.EntityType is not ("engagement" or "commitment")).Select(c => (c.EntityType, c.Table)).Distinct().ToArray();

    // An array, so that the SQL Server parse test finds the statements.
    private static readonly SqlText[] Bump = OtherRecords
        .Select(r => SqlText.Portable($"UPDATE {r.Table} SET version = version + 1, updated_at = @Now WHERE id = @Id")).ToArray();

    public static async Task<IReadOnlyList<FreeTextPlace>> FindAsync(DbSession session, ErasedValues erased, CancellationToken cancellationToken)
        => (await session.QueryAsync<FreeTextPlace>(Find, erased.Patterns(), cancellationToken))
            .OrderBy(p => p.EntityType, StringComparer.Ordinal).ThenBy(p => p.Id).ThenBy(p => p.Field, StringComparer.Ordinal).ToList();

    public static async Task RedactAsync(DbSession session, ErasedValues erased, CancellationToken cancellationToken)
    {
        var parameters = erased.RedactionParameters();
        foreach (var redact in Redact) await session.ExecuteAsync(redact, parameters, cancellationToken);
    }

    /// <summary>
    /// A new version and an updated change row for each redacted record that is neither an engagement nor a commitment (those
    /// the erasure records itself) nor the erased contact, so that synced systems fetch the redacted text.
    /// </summary>
    public static async Task RecordRedactedAsync(DbSession session, ChangeLog changes, IEnumerable<FreeTextPlace> redacted, Guid erasedContact,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (entityType, id) in redacted.Select(p => (p.EntityType, p.Id)).Distinct())
        {
            var record = Array.FindIndex(OtherRecords, r => r.EntityType == entityType);
            if (record < 0 || id == erasedContact) continue;
            await session.ExecuteAsync(Bump[record], new { Id = id, Now = now }, cancellationToken);
            await RecordAsync(session, changes, entityType, id, cancellationToken);
        }
    }

    /// <summary>The record as its own writes record it; read as the system, since a redaction reaches records the caller may not see.</summary>
    private static Task RecordAsync(DbSession session, ChangeLog changes, string entityType, Guid id, CancellationToken cancellationToken)
    {
        return entityType switch
        {
            ContactQueries.EntityType => Record(ContactQueries.LoadAsync(session, id, cancellationToken)),
            OrganisationQueries.EntityType => Record(OrganisationQueries.LoadAsync(session, id, cancellationToken)),
            TopicQueries.EntityType => Record(TopicQueries.LoadAsync(session, id, cancellationToken)),
            BodyQueries.EntityType => Record(BodyQueries.LoadAsync(session, id, cancellationToken)),
            MembershipQueries.EntityType => Record(MembershipQueries.LoadAsync(session, Caller.System, id, cancellationToken)),
            FigureQueries.EntityType => Record(FigureQueries.LoadAsync(session, Caller.System, id, cancellationToken)),
            _ => throw new InvalidOperationException($"No record of type {entityType} has free text to redact."),
        };

        async Task Record<T>(Task<T> load) where T : IVersioned
        {
            var record = await load;
            await changes.RecordAsync(entityType, id, ChangeOperation.Updated, record.Version, record, cancellationToken);
        }
    }
}
