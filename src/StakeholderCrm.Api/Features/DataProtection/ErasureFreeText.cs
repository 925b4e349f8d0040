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
    /// By entity type and field as the API names them; the id column names the record, the row columns (its primary key) the
    /// row. The length is the SQL Server column's: "[erased]" is longer than a short name, and must not make a full column overflow.
    /// </summary>
    internal static readonly (string EntityType, string Field, string Table, string Id, string Row, string Column, int SqlServerLength)[] Columns =
    [
        ("engagement", "title", "engagements", "id", "id", "title", 600),
        ("engagement", "location", "engagements", "id", "id", "location", 400),
        ("engagement", "purpose", "engagements", "id", "id", "purpose", Unlimited),
        ("engagement", "summary", "engagements", "id", "id", "summary", Unlimited),
        ("engagement", "unregisteredOverride", "engagements", "id", "id", "unregistered_override_reason", 2000),
        ("engagement", "publication", "engagements", "id", "id", "publication_url", 2048),
        ("engagement", "publication", "engagements", "id", "id", "exemption_reason", 2000),
        ("engagement", "keyPoints", "engagement_key_points", "engagement_id", "engagement_id, position", "text", Unlimited),
        ("engagement", "links", "engagement_links", "engagement_id", "engagement_id, position", "title", 600),
        ("engagement", "links", "engagement_links", "engagement_id", "engagement_id, position", "url", 2048),
        ("engagement", "participants", "engagement_participants", "engagement_id", "engagement_id, contact_id", "role", 200),
        ("engagement", "participants", "engagement_participants", "engagement_id", "engagement_id, contact_id", "title", 400),
        ("commitment", "title", "commitments", "id", "id", "title", 600),
        ("commitment", "description", "commitments", "id", "id", "description", Unlimited),
        ("commitment", "targetEvent", "commitments", "id", "id", "target_event", 600),
        ("commitment", "history", "commitment_transitions", "commitment_id", "id", "note", Unlimited),
        ("commitment", "history", "commitment_transitions", "commitment_id", "id", "evidence_url", 2048),
        ("commitment", "history", "commitment_transitions", "commitment_id", "id", "evidence_note", Unlimited),
        ("contact", "notes", "contacts", "id", "id", "notes", Unlimited),
        ("organisation", "notes", "organisations", "id", "id", "notes", Unlimited),
        ("organisation", "website", "organisations", "id", "id", "website", 2048),
        ("organisation", "interestRepresentativeOverride", "organisations", "id", "id", "interest_representative_reason", 500),
        ("topic", "description", "topics", "id", "id", "description", Unlimited),
        ("body", "description", "bodies", "id", "id", "description", Unlimited),
        ("body", "website", "bodies", "id", "id", "website", 2048),
        ("membership", "notes", "memberships", "id", "id", "notes", Unlimited),
        ("membership", "history", "membership_history", "membership_id", "id", "note", Unlimited),
        ("figure", "note", "figures", "id", "id", "note", Unlimited),
    ];

    /// <summary>Each column's rows that may hold a value, with the record, the row's key and the text, by the index of the column.</summary>
    private static readonly SqlText[] Holding = Columns
        .Select(c => ErasedValues.Holding($"{c.Id} AS record_id, {Keys(c.Row)}, {c.Column} AS content", c.Table, c.Column)).ToArray();

    /// <summary>One row's text rewritten, found by its key; on SQL Server cut to the column's length.</summary>
    private static readonly SqlText[] Rewrite = Columns.Select(c => ErasedValues.Rewrite(c.Table, c.Column, c.Row, c.SqlServerLength)).ToArray();

    /// <summary>The records other than engagements and commitments whose free text a redaction changes, each its table.</summary>
    private static readonly (string EntityType, string Table)[] OtherRecords = Columns
        .Where(c => c.Id == "id" && c.EntityType is not ("engagement" or "commitment")).Select(c => (c.EntityType, c.Table)).Distinct().ToArray();

    // An array, so that the SQL Server parse test finds the statements.
    private static readonly SqlText[] Bump = OtherRecords
        .Select(r => SqlText.Portable($"UPDATE {r.Table} SET version = version + 1, updated_at = @Now WHERE id = @Id")).ToArray();

    /// <summary>
    /// The rows whose text holds a value by the same whole-word rule a redaction follows: the LIKE of <see cref="ErasedValues.Holding"/>
    /// only narrows them down, and would take "Petra Novakova" for "Petra Novak".
    /// </summary>
    public static async Task<FreeTextHeld> FindAsync(DbSession session, ErasedValues erased, CancellationToken cancellationToken)
    {
        var rows = new List<HeldText>();
        var patterns = erased.Patterns();
        for (var column = 0; column < Columns.Length; column++)
        {
            var found = await session.QueryAsync<HeldText>(Holding[column], patterns, cancellationToken);
            rows.AddRange(found.Where(r => erased.AreIn(r.Content)).Select(r => r with { Column = column }));
        }
        var places = rows.Select(r => new FreeTextPlace { EntityType = Columns[r.Column].EntityType, Id = r.RecordId, Field = Columns[r.Column].Field })
            .Distinct().OrderBy(p => p.EntityType, StringComparer.Ordinal).ThenBy(p => p.Id).ThenBy(p => p.Field, StringComparer.Ordinal).ToList();
        return new FreeTextHeld(places, rows);
    }

    /// <summary>
    /// Each row found rewritten with "[erased]" in place of the values, one statement a row; true when every one was, so that
    /// the answer never claims a redaction that did not happen.
    /// </summary>
    public static async Task<bool> RedactAsync(DbSession session, ErasedValues erased, FreeTextHeld held, CancellationToken cancellationToken)
    {
        var rewritten = 0;
        foreach (var row in held.Rows)
        {
            var parameters = new Dictionary<string, object?> { ["Text"] = erased.Replace(row.Content, EraseContactHandler.Redaction), ["Key0"] = row.Key0 };
            if (row.Key1 is not null) parameters["Key1"] = row.Key1;
            rewritten += await session.ExecuteAsync(Rewrite[row.Column], parameters, cancellationToken);
        }
        return rewritten == held.Rows.Count;
    }

    /// <summary>The row's key columns as key0, key1: read back as the provider gives them, they find the row again.</summary>
    private static string Keys(string row) => string.Join(", ", row.Split(", ").Select((key, i) => $"{key} AS key{i}"));

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

/// <summary>Where free text holds the erased values: the places the answer lists, and the rows a redaction rewrites.</summary>
internal sealed record FreeTextHeld(IReadOnlyList<FreeTextPlace> Places, IReadOnlyList<HeldText> Rows);

/// <summary>One row's text in one of <see cref="ErasureFreeText.Columns"/> (by its index), the record it belongs to and the row's key.</summary>
internal sealed record HeldText
{
    public int Column { get; init; }
    public Guid RecordId { get; init; }
    public object Key0 { get; init; } = null!;
    public object? Key1 { get; init; }
    public string Content { get; init; } = "";
}
