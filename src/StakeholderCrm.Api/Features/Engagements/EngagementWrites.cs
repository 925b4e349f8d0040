using StakeholderCrm.Api.Features.Publications;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Engagements;

/// <summary>Writes an engagement's child rows and search words afresh, then its change row: shared by create and update.</summary>
internal static class EngagementWrites
{
    private static readonly SqlText[] DeleteChildren =
    [
        SqlText.Portable("DELETE FROM engagement_organisations WHERE engagement_id = @Id"),
        SqlText.Portable("DELETE FROM engagement_participants WHERE engagement_id = @Id"),
        SqlText.Portable("DELETE FROM engagement_topics WHERE engagement_id = @Id"),
        SqlText.Portable("DELETE FROM engagement_key_points WHERE engagement_id = @Id"),
        SqlText.Portable("DELETE FROM engagement_links WHERE engagement_id = @Id"),
        SqlText.Portable("DELETE FROM engagement_distribution WHERE engagement_id = @Id"),
    ];

    // Each child table is written with one statement, whatever the number of its rows: they go in as one JSON array.
    private static readonly SqlText InsertOrganisations = InsertReferences("engagement_organisations", "organisation_id");
    private static readonly SqlText InsertTopics = InsertReferences("engagement_topics", "topic_id");
    private static readonly SqlText InsertParticipants = new(
        Sqlite: """
            INSERT INTO engagement_participants (engagement_id, position, contact_id, side, role, attended, title, organisation_id,
                staff_function, starts_at)
            SELECT @EngagementId, json_extract(j.value, '$.position'), json_extract(j.value, '$.contact_id'), json_extract(j.value, '$.side'),
                json_extract(j.value, '$.role'), json_extract(j.value, '$.attended'), json_extract(j.value, '$.title'),
                json_extract(j.value, '$.organisation_id'), json_extract(j.value, '$.staff_function'), @StartsAt
            FROM json_each(@Rows) j
            """,
        SqlServer: """
            INSERT INTO engagement_participants (engagement_id, position, contact_id, side, role, attended, title, organisation_id,
                staff_function, starts_at)
            SELECT @EngagementId, r.position, r.contact_id, r.side, r.role, r.attended, r.title, r.organisation_id, r.staff_function, @StartsAt
            FROM OPENJSON(@Rows) WITH (position int, contact_id uniqueidentifier, side nvarchar(max), role nvarchar(max), attended bit,
                title nvarchar(max), organisation_id uniqueidentifier, staff_function nvarchar(30)) r
            """);
    private static readonly SqlText InsertKeyPoints = new(
        Sqlite: """
            INSERT INTO engagement_key_points (engagement_id, position, section, text)
            SELECT @EngagementId, json_extract(j.value, '$.position'), json_extract(j.value, '$.section'), json_extract(j.value, '$.text')
            FROM json_each(@Rows) j
            """,
        SqlServer: """
            INSERT INTO engagement_key_points (engagement_id, position, section, text)
            SELECT @EngagementId, r.position, r.section, r.text
            FROM OPENJSON(@Rows) WITH (position int, section nvarchar(max), text nvarchar(max)) r
            """);
    private static readonly SqlText InsertLinks = new(
        Sqlite: """
            INSERT INTO engagement_links (engagement_id, position, url, title)
            SELECT @EngagementId, json_extract(j.value, '$.position'), json_extract(j.value, '$.url'), json_extract(j.value, '$.title')
            FROM json_each(@Rows) j
            """,
        SqlServer: """
            INSERT INTO engagement_links (engagement_id, position, url, title)
            SELECT @EngagementId, r.position, r.url, r.title
            FROM OPENJSON(@Rows) WITH (position int, url nvarchar(max), title nvarchar(max)) r
            """);
    private static readonly SqlText InsertRecipients = new(
        Sqlite: """
            INSERT INTO engagement_distribution (engagement_id, position, contact_id, kind)
            SELECT @EngagementId, json_extract(j.value, '$.position'), json_extract(j.value, '$.contact_id'), json_extract(j.value, '$.kind')
            FROM json_each(@Rows) j
            """,
        SqlServer: """
            INSERT INTO engagement_distribution (engagement_id, position, contact_id, kind)
            SELECT @EngagementId, r.position, r.contact_id, r.kind
            FROM OPENJSON(@Rows) WITH (position int, contact_id uniqueidentifier, kind nvarchar(max)) r
            """);

    /// <summary>The row's own columns, as the insert and the update bind them; a null time zone is resolved before.</summary>
    public static object Row(Guid id, int version, EngagementFields fields, DateTimeOffset now) => new
    {
        Id = id,
        Version = version,
        Title = fields.Title!.Trim(),
        Kind = Json.Name(fields.Kind!.Value),
        Status = Json.Name(fields.Status!.Value),
        StartsAt = fields.StartsAt!.Value,
        fields.EndsAt,
        fields.TimeZone,
        fields.Location,
        fields.Purpose,
        fields.Summary,
        fields.AuthorId,
        Confidentiality = Json.Name(fields.Confidentiality ?? Confidentiality.Internal),
        fields.ExternalIds,
        MeetingDate = DateOnly.FromDateTime(TimeZones.Local(fields.StartsAt!.Value, fields.TimeZone!).DateTime),
        UnregisteredOverrideReason = fields.UnregisteredOverride?.Reason?.Trim(),
        Now = now,
    };

    /// <summary>
    /// The child rows, then the engagement as written, checked against "no registration, no meeting" (<paramref name="accepted"/>:
    /// the breaches it had before this write), then its change row.
    /// </summary>
    public static async Task<EngagementResponse> WriteChildrenAsync(DbSession session, Caller caller, ChangeLog changes, PublicationCalendar calendar,
        Guid id, EngagementFields fields, IReadOnlyList<ResolvedParticipant> participants, ChangeOperation operation,
        IReadOnlyList<EngagementWarning> accepted, CancellationToken cancellationToken)
    {
        if (operation != ChangeOperation.Created)
        {
            foreach (var delete in DeleteChildren) await session.ExecuteAsync(delete, new { Id = id }, cancellationToken);
        }

        var startsAt = fields.StartsAt!.Value;
        await InsertAsync(session, InsertOrganisations, id, startsAt, fields.OrganisationIds, cancellationToken);
        await InsertAsync(session, InsertParticipants, id, startsAt, participants.Select((p, i) => new
        {
            Position = i, p.ContactId, Side = Json.Name(p.Side), p.Role, p.Attended, p.Title, p.OrganisationId,
            StaffFunction = p.Function is { } function ? Json.Name(function) : null,
        }), cancellationToken);
        await InsertAsync(session, InsertTopics, id, startsAt, fields.TopicIds, cancellationToken);
        await InsertAsync(session, InsertKeyPoints, id, startsAt, fields.KeyPoints.Select((k, i) => new
        {
            Position = i, Section = Json.Name(k.Section!.Value), k.Text,
        }), cancellationToken);
        await InsertAsync(session, InsertLinks, id, startsAt, fields.Links.Select((l, i) => new { Position = i, l.Url, l.Title }), cancellationToken);
        await InsertAsync(session, InsertRecipients, id, startsAt, fields.Distribution.Select((d, i) => new
        {
            Position = i, d.ContactId, Kind = Json.Name(d.Kind!.Value),
        }), cancellationToken);
        await SearchIndex.WriteEngagementWordsAsync(session, id, fields.Title, fields.Purpose, fields.Summary, fields.KeyPoints.Select(k => k.Text),
            cancellationToken);
        await ExternalIds.WriteAsync(session, EngagementQueries.EntityType, id, fields.ExternalIds, cancellationToken);

        // History keeps the record as stored; the writer reads it as any read would show it to them.
        var engagement = await EngagementQueries.LoadWrittenAsync(session, Caller.System, id, fields, calendar.Today, cancellationToken);
        var seen = await EngagementQueries.AsSeenByAsync(session, engagement, caller, calendar.Today, cancellationToken);
        UnregisteredMeetings.Check(seen, accepted, calendar.Policy);
        await changes.RecordAsync(EngagementQueries.EntityType, id, operation, engagement.Version, engagement, cancellationToken);
        return seen;
    }

    private static SqlText InsertReferences(string table, string column) => new(
        Sqlite: $"""
            INSERT INTO {table} (engagement_id, position, {column}, starts_at)
            SELECT @EngagementId, j.key, j.value, @StartsAt FROM json_each(@Rows) j
            """,
        SqlServer: $"""
            INSERT INTO {table} (engagement_id, position, {column}, starts_at)
            SELECT @EngagementId, CAST(j.[key] AS int), CAST(j.[value] AS uniqueidentifier), @StartsAt FROM OPENJSON(@Rows) j
            """);

    /// <summary>Runs the insert even for an empty list, where it writes nothing, so that a write costs the same statements whatever its size.</summary>
    private static Task InsertAsync<T>(DbSession session, SqlText insert, Guid id, DateTimeOffset startsAt, IEnumerable<T> rows,
        CancellationToken cancellationToken)
        => session.ExecuteAsync(insert, new { EngagementId = id, StartsAt = startsAt, Rows = JsonRows.Json(rows) }, cancellationToken);
}
