using StakeholderCrm.Api.Infrastructure.Auth;
using System.Text.Json;
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
        SqlText.Portable("DELETE FROM engagement_words WHERE engagement_id = @Id"),
    ];

    // Organisations, topics and words go in one statement each, whatever their number: a JSON array of values.
    private static readonly SqlText InsertOrganisations = InsertLinks("engagement_organisations", "organisation_id");
    private static readonly SqlText InsertTopics = InsertLinks("engagement_topics", "topic_id");
    private static readonly SqlText InsertWords = new(
        Sqlite: "INSERT INTO engagement_words (word, engagement_id) SELECT j.value, @EngagementId FROM json_each(@Values) j",
        SqlServer: "INSERT INTO engagement_words (word, engagement_id) SELECT j.[value], @EngagementId FROM OPENJSON(@Values) j");
    private static readonly SqlText InsertParticipant = SqlText.Portable("""
        INSERT INTO engagement_participants (engagement_id, position, contact_id, side, role, attended, title, organisation_id, starts_at)
        VALUES (@EngagementId, @Position, @ContactId, @Side, @Role, @Attended, @Title, @OrganisationId, @StartsAt)
        """);
    private static readonly SqlText InsertKeyPoint = SqlText.Portable(
        "INSERT INTO engagement_key_points (engagement_id, position, section, text) VALUES (@EngagementId, @Position, @Section, @Text)");
    private static readonly SqlText InsertLink = SqlText.Portable(
        "INSERT INTO engagement_links (engagement_id, position, url, title) VALUES (@EngagementId, @Position, @Url, @Title)");
    private static readonly SqlText InsertRecipient = SqlText.Portable(
        "INSERT INTO engagement_distribution (engagement_id, position, contact_id, kind) VALUES (@EngagementId, @Position, @ContactId, @Kind)");

    /// <summary>The row's own columns, as the insert and the update bind them.</summary>
    public static object Row(Guid id, int version, EngagementFields fields, DateTimeOffset now) => new
    {
        Id = id,
        Version = version,
        Title = fields.Title!.Trim(),
        Kind = Json.Name(fields.Kind!.Value),
        Status = Json.Name(fields.Status!.Value),
        StartsAt = fields.StartsAt!.Value,
        fields.EndsAt,
        fields.Location,
        fields.Purpose,
        fields.Summary,
        fields.AuthorId,
        Confidentiality = Json.Name(fields.Confidentiality ?? Confidentiality.Internal),
        fields.ExternalIds,
        Now = now,
    };

    public static async Task<EngagementResponse> WriteChildrenAsync(DbSession session, Caller caller, ChangeLog changes, Guid id, EngagementFields fields,
        IReadOnlyList<ResolvedParticipant> participants, ChangeOperation operation, CancellationToken cancellationToken)
    {
        if (operation != ChangeOperation.Created)
        {
            foreach (var delete in DeleteChildren) await session.ExecuteAsync(delete, new { Id = id }, cancellationToken);
        }

        var startsAt = fields.StartsAt!.Value;
        await InsertSetAsync(session, InsertOrganisations, id, startsAt, fields.OrganisationIds.Select(o => o.ToString("D")), cancellationToken);
        await session.ExecuteAsync(InsertParticipant, participants.Select((p, i) => new
        {
            EngagementId = id, Position = i, p.ContactId, Side = Json.Name(p.Side), p.Role, p.Attended, p.Title, p.OrganisationId, StartsAt = startsAt,
        }), cancellationToken);
        await InsertSetAsync(session, InsertTopics, id, startsAt, fields.TopicIds.Select(t => t.ToString("D")), cancellationToken);
        await session.ExecuteAsync(InsertKeyPoint, fields.KeyPoints.Select((k, i) => new
        {
            EngagementId = id, Position = i, Section = Json.Name(k.Section!.Value), k.Text,
        }), cancellationToken);
        await session.ExecuteAsync(InsertLink, fields.Links.Select((l, i) => new { EngagementId = id, Position = i, l.Url, l.Title }), cancellationToken);
        await session.ExecuteAsync(InsertRecipient, fields.Distribution.Select((d, i) => new
        {
            EngagementId = id, Position = i, d.ContactId, Kind = Json.Name(d.Kind!.Value),
        }), cancellationToken);
        await InsertSetAsync(session, InsertWords, id, startsAt, Words(fields), cancellationToken);
        await ExternalIds.WriteAsync(session, EngagementQueries.EntityType, id, fields.ExternalIds, cancellationToken);

        var engagement = await EngagementQueries.LoadWrittenAsync(session, caller, id, fields, cancellationToken);
        await changes.RecordAsync(EngagementQueries.EntityType, id, operation, engagement.Version, engagement, cancellationToken);
        return engagement;
    }

    private static SqlText InsertLinks(string table, string column) => new(
        Sqlite: $"""
            INSERT INTO {table} (engagement_id, position, {column}, starts_at)
            SELECT @EngagementId, j.key, j.value, @StartsAt FROM json_each(@Values) j
            """,
        SqlServer: $"""
            INSERT INTO {table} (engagement_id, position, {column}, starts_at)
            SELECT @EngagementId, CAST(j.[key] AS int), CAST(j.[value] AS uniqueidentifier), @StartsAt FROM OPENJSON(@Values) j
            """);

    private static async Task InsertSetAsync(DbSession session, SqlText insert, Guid id, DateTimeOffset startsAt, IEnumerable<string> values, CancellationToken cancellationToken)
    {
        var list = values.ToList();
        if (list.Count == 0) return;
        await session.ExecuteAsync(insert, new { EngagementId = id, StartsAt = startsAt, Values = JsonSerializer.Serialize(list) }, cancellationToken);
    }

    /// <summary>The distinct words of the title, purpose, summary and key points, searched by prefix for <c>q</c>.</summary>
    public static IEnumerable<string> Words(EngagementFields fields)
        => Text.Words(new[] { fields.Title, fields.Purpose, fields.Summary }.Concat(fields.KeyPoints.Select(k => k.Text)));
}
