using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Features.Commitments;
using StakeholderCrm.Api.Features.Contacts;
using StakeholderCrm.Api.Features.Organisations;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Search;

public enum SearchHitType { Organisation, Contact, Engagement, Commitment }

/// <summary>One match: what it is, its name or title, and the text that matched.</summary>
public sealed record SearchHit(SearchHitType Type, Guid Id, string Title, string Snippet, int Score);

public sealed record SearchResponse(string Q, IReadOnlyList<SearchHit> Items);

/// <summary>
/// Organisations (name, aliases), contacts (name, email), engagements (title, purpose, summary, key points) and
/// commitments (title, description): a title that is the query ranks first, then titles that start with it, then
/// other matches; sensitive records only for cleared callers.
/// </summary>
public sealed record SearchEverything : IQuery<SearchResponse>
{
    /// <summary>Up to 5 words; each must start a word of the record; case and accents are ignored.</summary>
    public string? Q { get; init; }
    /// <summary>1 to 100, default 20.</summary>
    public int? Limit { get; init; }
}

public sealed class SearchEverythingValidator : AbstractValidator<SearchEverything>
{
    public const int MaxWords = 5;

    public SearchEverythingValidator()
    {
        RuleFor(s => s.Q).NotEmpty().Must(q => Text.IsSearchable(q!) && Text.SearchKey(q!).Split(' ').Length <= MaxWords)
            .WithMessage($"'q' must hold 1 to {MaxWords} words of letters or digits and be at most 200 characters.");
        RuleFor(s => s.Limit).InclusiveBetween(1, 100);
    }
}

public sealed class SearchEverythingHandler(DbSession session, Caller caller) : IRequestHandler<SearchEverything, SearchResponse>
{
    private static readonly SqlText Organisations = SqlText.Limited(
        "SELECT o.id, o.name AS title, o.aliases AS texts FROM organisations o WHERE o.archived = 0 AND "
            + $"{SearchIndex.Condition("o", OrganisationQueries.EntityType)} ORDER BY o.name_key");

    private static readonly SqlText Contacts = SqlText.Limited(
        $"SELECT c.id, c.full_name AS title, c.current_title AS detail FROM contacts c WHERE c.archived = 0 AND {RestrictedContacts.Visible("c")} AND "
            + $"{SearchIndex.Condition("c", ContactQueries.EntityType)} ORDER BY c.name_key");

    private static string EngagementWords(int n) => string.Join(" AND ", Enumerable.Range(0, n).Select(i =>
        $"e.id IN (SELECT w{i}.engagement_id FROM engagement_words w{i} WHERE w{i}.word >= @Word{i}From AND w{i}.word < @Word{i}To)"));

    private static string CommitmentWords(int n)
        => string.Join(" AND ", Enumerable.Range(0, n).Select(i => SearchIndex.WordCondition("c", CommitmentQueries.EntityType, i)));

    private static readonly SqlText KeyPoints = IdSet.Statement(
        "SELECT ek.engagement_id AS id, ek.text FROM engagement_key_points ek WHERE ek.engagement_id IN ({ids}) ORDER BY ek.engagement_id, ek.position");

    public async Task<SearchResponse> Handle(SearchEverything query, CancellationToken cancellationToken)
    {
        var q = query.Q!;
        var limit = query.Limit ?? 20;
        var words = Text.SearchKey(q).Split(' ');
        var (termFrom, termTo) = Text.PrefixRange(q);
        var parameters = new Dapper.DynamicParameters(new { TermFrom = termFrom, TermTo = termTo, Take = limit, caller.Cleared, SeesRestricted = caller.IsAdmin });
        for (var i = 0; i < words.Length; i++)
        {
            var (from, to) = Text.PrefixRange(words[i]);
            parameters.Add($"Word{i}From", from);
            parameters.Add($"Word{i}To", to);
        }

        var hits = new List<SearchHit>();
        foreach (var row in await session.QueryAsync<Row>(Organisations, parameters, cancellationToken))
        {
            var aliases = System.Text.Json.JsonSerializer.Deserialize<string[]>(row.Texts ?? "[]") ?? [];
            hits.Add(Hit(SearchHitType.Organisation, row.Id, row.Title, [row.Title, .. aliases], words));
        }
        foreach (var row in await session.QueryAsync<Row>(Contacts, parameters, cancellationToken))
        {
            hits.Add(Hit(SearchHitType.Contact, row.Id, row.Title, [row.Detail is null ? row.Title : $"{row.Title}, {row.Detail}"], words));
        }

        var engagements = (await session.QueryAsync<Row>(Sql(session.Dialect, "engagements", words.Length), parameters, cancellationToken)).ToList();
        var keyPoints = (engagements.Count == 0
            ? []
            : await session.QueryAsync<Row>(KeyPoints, new { Ids = IdSet.Json(engagements.Select(e => e.Id)) }, cancellationToken))
                .ToLookup(k => k.Id, k => k.Text);
        foreach (var row in engagements)
        {
            hits.Add(Hit(SearchHitType.Engagement, row.Id, row.Title, [row.Title, row.Texts, row.Detail, .. keyPoints[row.Id]], words));
        }
        foreach (var row in await session.QueryAsync<Row>(Sql(session.Dialect, "commitments", words.Length), parameters, cancellationToken))
        {
            hits.Add(Hit(SearchHitType.Commitment, row.Id, row.Title, [row.Title, row.Texts], words));
        }

        var restricted = await RestrictedContacts.NamesAsync(session, caller, cancellationToken);
        return new SearchResponse(q, hits
            .Select(h => restricted.Count == 0 ? h
                : h with { Title = RestrictedContacts.WithoutNames(h.Title, restricted), Snippet = RestrictedContacts.WithoutNames(h.Snippet, restricted) })
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Type)
            .ThenBy(h => Text.Key(h.Title), StringComparer.Ordinal)
            .Take(limit).ToList());
    }

    /// <summary>Engagements and commitments match every word; the statement depends only on how many words there are.</summary>
    internal static string Sql(Dialect dialect, string what, int wordCount)
    {
        var (top, limit) = dialect.Provider == DatabaseProvider.SqlServer ? ("TOP (@Take) ", "") : ("", " LIMIT @Take");
        return what == "engagements"
            ? $"SELECT {top}e.id, e.title, e.purpose AS texts, e.summary AS detail FROM engagements e WHERE e.archived = 0 AND "
                + $"{SensitiveRecords.VisibleEngagement("e")} AND {EngagementWords(wordCount)} ORDER BY e.starts_at DESC{limit}"
            : $"SELECT {top}c.id, c.title, c.description AS texts FROM commitments c WHERE c.archived = 0 AND "
                + $"{SensitiveRecords.VisibleSource("c.made_in_engagement_id")} AND {CommitmentWords(wordCount)} ORDER BY c.updated_at DESC{limit}";
    }

    private static SearchHit Hit(SearchHitType type, Guid id, string title, IEnumerable<string?> texts, string[] words)
    {
        var key = Text.SearchKey(title);
        var query = string.Join(' ', words);
        var score = key == query ? 100
            : key.StartsWith(query, StringComparison.Ordinal) ? 50
            : words.All(w => key.Contains(w, StringComparison.Ordinal)) ? 20
            : 10;
        var snippet = texts.OfType<string>().FirstOrDefault(t => Text.SearchKey(t).Contains(words[0], StringComparison.Ordinal)) ?? title;
        return new SearchHit(type, id, title, Trim(snippet), score);
    }

    private static string Trim(string text) => text.Length <= 200 ? text : text[..197] + "…";

    private sealed record Row
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public string? Texts { get; init; }
        public string? Detail { get; init; }
        public string Text { get; init; } = "";
    }
}
