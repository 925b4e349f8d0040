using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Infrastructure.Resources;

/// <summary>
/// Word-prefix search over short texts (names, aliases, emails): every word-suffix of each text is a row of
/// <c>search_terms</c>, and a query is an indexed range seek on (entity_type, term).
/// </summary>
public static class SearchIndex
{
    private static readonly SqlText Delete = SqlText.Portable("DELETE FROM search_terms WHERE entity_type = @EntityType AND entity_id = @Id");
    private static readonly SqlText Insert = new(
        Sqlite: "INSERT INTO search_terms (entity_type, term, entity_id) SELECT @EntityType, j.value, @Id FROM json_each(@Rows) j",
        SqlServer: "INSERT INTO search_terms (entity_type, term, entity_id) SELECT @EntityType, j.[value], @Id FROM OPENJSON(@Rows) j");

    /// <summary>The condition that keeps rows of <paramref name="alias"/> matching <c>@TermFrom</c>..<c>@TermTo</c>.</summary>
    public static string Condition(string alias, string entityType)
        => $"{alias}.id IN (SELECT st.entity_id FROM search_terms st WHERE st.entity_type = '{entityType}' AND st.term >= @TermFrom AND st.term < @TermTo)";

    private static readonly SqlText DeleteWords = SqlText.Portable("DELETE FROM search_words WHERE entity_type = @EntityType AND entity_id = @Id");
    private static readonly SqlText InsertWords = new(
        Sqlite: "INSERT INTO search_words (entity_type, word, entity_id) SELECT @EntityType, j.value, @Id FROM json_each(@Rows) j",
        SqlServer: "INSERT INTO search_words (entity_type, word, entity_id) SELECT @EntityType, j.[value], @Id FROM OPENJSON(@Rows) j");

    /// <summary>The condition that keeps rows of <paramref name="alias"/> having a word in <c>@Word{n}From</c>..<c>@Word{n}To</c>.</summary>
    public static string WordCondition(string alias, string entityType, int n)
        => $"{alias}.id IN (SELECT sw{n}.entity_id FROM search_words sw{n} WHERE sw{n}.entity_type = '{entityType}' AND sw{n}.word >= @Word{n}From AND "
            + $"sw{n}.word < @Word{n}To)";

    /// <summary>Rewrites the distinct words of longer texts, each searched by prefix.</summary>
    public static async Task WriteWordsAsync(DbSession session, string entityType, Guid id, IEnumerable<string?> texts, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(DeleteWords, new { EntityType = entityType, Id = id }, cancellationToken);
        await session.ExecuteAsync(InsertWords, new { EntityType = entityType, Rows = JsonRows.Json(Text.Words(texts)), Id = id }, cancellationToken);
    }

    private static readonly SqlText DeleteEngagementWords = SqlText.Portable("DELETE FROM engagement_words WHERE engagement_id = @Id");
    private static readonly SqlText InsertEngagementWords = new(
        Sqlite: "INSERT INTO engagement_words (word, engagement_id) SELECT j.value, @Id FROM json_each(@Rows) j",
        SqlServer: "INSERT INTO engagement_words (word, engagement_id) SELECT j.[value], @Id FROM OPENJSON(@Rows) j");

    /// <summary>
    /// Rewrites the distinct words of an engagement's title, purpose, summary and key points, searched by prefix for <c>q</c>:
    /// written by the engagement's own writes and again by an erasure that redacts them.
    /// </summary>
    public static async Task WriteEngagementWordsAsync(DbSession session, Guid engagementId, string? title, string? purpose, string? summary,
        IEnumerable<string?> keyPoints, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(DeleteEngagementWords, new { Id = engagementId }, cancellationToken);
        var words = Text.Words(new[] { title, purpose, summary }.Concat(keyPoints));
        await session.ExecuteAsync(InsertEngagementWords, new { Id = engagementId, Rows = JsonRows.Json(words) }, cancellationToken);
    }

    public static async Task WriteAsync(DbSession session, string entityType, Guid id, IEnumerable<string?> texts, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(Delete, new { EntityType = entityType, Id = id }, cancellationToken);
        var terms = Text.SearchTerms(texts.OfType<string>());
        await session.ExecuteAsync(Insert, new { EntityType = entityType, Rows = JsonRows.Json(terms), Id = id }, cancellationToken);
    }
}
