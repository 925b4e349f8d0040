using System.Globalization;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Engagements;

public sealed record ListEngagements : IQuery<Page<EngagementSummary>>
{
    /// <summary>An organisation met.</summary>
    public Guid? OrganisationId { get; init; }
    /// <summary>A participant.</summary>
    public Guid? ContactId { get; init; }
    public Guid? TopicId { get; init; }
    /// <summary>meeting, call, videoConference, visit, workshop, conference, correspondence or other.</summary>
    [OneOf<EngagementKind>]
    public string? Kind { get; init; }
    /// <summary>planned, held or cancelled.</summary>
    [OneOf<EngagementStatus>]
    public string? Status { get; init; }
    /// <summary>Starting at or after this date-time (one without an offset is read as UTC), or a date such as 2021-06-28: that day from 00:00 UTC.</summary>
    [DateOrDateTime]
    public string? From { get; init; }
    /// <summary>Starting at or before this date-time (one without an offset is read as UTC), or a date such as 2021-06-28: that whole day, UTC.</summary>
    [DateOrDateTime]
    public string? To { get; init; }
    /// <summary>Up to 5 words, each the start of a word in the title, purpose, summary or key points; case and accents ignored.</summary>
    public string? Q { get; init; }
    /// <summary>public, internal or sensitive.</summary>
    [OneOf<Confidentiality>]
    public string? Confidentiality { get; init; }
    public bool? IncludeArchived { get; init; }
    /// <summary>-startsAt (default, newest first), startsAt, updatedAt or -updatedAt.</summary>
    [SortOrder<EngagementSort>]
    public string? Sort { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListEngagementsValidator : AbstractValidator<ListEngagements>
{
    public const int MaxWords = 5;

    public ListEngagementsValidator()
    {
        RuleFor(q => q.Kind).OneOf(ApiEnum<EngagementKind>.Names);
        RuleFor(q => q.Status).OneOf(ApiEnum<EngagementStatus>.Names);
        RuleFor(q => q.Confidentiality).OneOf(ApiEnum<Confidentiality>.Names);
        RuleFor(q => q.From).Must(f => Bound(f, endOfDay: false) is not null).When(q => q.From is not null)
            .WithMessage("'from' must be a date-time (2021-06-28T09:30:00+02:00) or a date (2021-06-28).");
        RuleFor(q => q.To).Must(t => Bound(t, endOfDay: true) is not null).When(q => q.To is not null)
            .WithMessage("'to' must be a date-time (2021-06-28T09:30:00+02:00) or a date (2021-06-28).");
        RuleFor(q => q.Q).Must(q => Text.IsSearchable(q!) && Text.SearchKey(q!).Split(' ').Length <= MaxWords).When(q => q.Q is not null)
            .WithMessage($"'q' must hold 1 to {MaxWords} words of letters or digits and be at most 200 characters.");
        RuleFor(q => q.Sort).Must(s => EngagementSort.Parse(s) is not null).WithMessage("'sort' must be startsAt or updatedAt, with an optional leading '-'.");
        RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }

    /// <summary>A date bound covers its whole day: from its first instant, or (for <c>to</c>) up to its last.</summary>
    public static DateTimeOffset? Bound(string? value, bool endOfDay)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // The day's last tick, not the next day's first minus one: 9999-12-31 has no next day.
            return new DateTimeOffset(day.ToDateTime(endOfDay ? TimeOnly.MaxValue : TimeOnly.MinValue), TimeSpan.Zero);
        }
        // A generated client may send a date-time without its offset (NSwag's default "s" format): it is read as UTC, not as the server's zone.
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }
}

public sealed record EngagementSort(string Name, string Column, bool Descending) : ISortOrder
{
    private static readonly Dictionary<string, string> Columns = new()
    {
        ["startsAt"] = "starts_at",
        ["updatedAt"] = "updated_at",
    };

    public static IReadOnlyCollection<string> Fields => Columns.Keys;
    public static string Default => "-startsAt";

    public static EngagementSort? Parse(string? sort)
        => Keyset.ParseSort(sort, Default, Columns) is (var name, var column, var descending) ? new EngagementSort(name, column, descending) : null;

    public string ValueOf(IEngagementRow e) => (Column == "starts_at" ? e.StartsAt : e.UpdatedAt).ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>
/// Lists summaries (the full engagement is one GET away). Newest first, an organisation's, contact's or topic's page
/// walks that link table's (id, starts_at) index and stops at the page; a frequent search word is checked per
/// engagement on the walk, a rare one (see <see cref="SearchWordFrequency"/>) collects its few matches and sorts them.
/// </summary>
public sealed class ListEngagementsHandler(DbSession session, SearchWordFrequency frequency, Caller caller)
    : IRequestHandler<ListEngagements, Page<EngagementSummary>>
{
    public async Task<Page<EngagementSummary>> Handle(ListEngagements query, CancellationToken cancellationToken)
    {
        var (sql, parameters, sort) = await PrepareAsync(session, caller, frequency, query, EngagementQueries.SummaryColumns, cancellationToken);
        var rows = (await session.QueryAsync<EngagementSummary>(sql, parameters, cancellationToken)).ToList();
        var page = Cursor.Page(rows, query.Limit ?? Cursor.DefaultLimit, e => Cursor.Encode(sort.Name, sort.ValueOf(e), e.Id));
        var restricted = await RestrictedContacts.NamesAsync(session, caller, cancellationToken);
        var items = restricted.Count == 0 ? page.Items : page.Items.Select(e => e with
        {
            Title = RestrictedContacts.WithoutNames(e.Title, restricted),
            Location = e.Location is null ? null : RestrictedContacts.WithoutNames(e.Location, restricted),
        }).ToList();
        return page with { Items = await EngagementQueries.WithOrganisationsAsync(session, items, cancellationToken) };
    }

    /// <summary>The page's statement and parameters, shared with the full-record export.</summary>
    internal static async Task<(string Sql, Dapper.DynamicParameters Parameters, EngagementSort Sort)> PrepareAsync(
        DbSession session, Caller caller, SearchWordFrequency frequency, ListEngagements query, string columns, CancellationToken cancellationToken)
    {
        var sort = EngagementSort.Parse(query.Sort)!;
        var after = Cursor.Decode(query.Cursor, sort.Name);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var words = query.Q is null ? [] : Text.SearchKey(query.Q).Split(' ').Select(Text.PrefixRange).ToArray();

        var parameters = new Dapper.DynamicParameters(new
        {
            query.OrganisationId, query.ContactId, query.TopicId,
            query.Kind, query.Status, query.Confidentiality,
            From = ListEngagementsValidator.Bound(query.From, endOfDay: false),
            To = ListEngagementsValidator.Bound(query.To, endOfDay: true),
            CursorTime = after is null ? (DateTimeOffset?)null : Cursor.Time(after.Value.Value),
            CursorId = after?.Id,
            Take = limit + 1,
            caller.Cleared,
        });
        var frequent = true;
        for (var i = 0; i < words.Length; i++)
        {
            parameters.Add($"Word{i}From", words[i].From);
            parameters.Add($"Word{i}To", words[i].To);
            frequent &= await frequency.IsFrequentAsync(session, words[i], cancellationToken);
        }
        return (Sql(session.Dialect, query, words.Length, sort, after is not null, frequentWords: frequent, columns), parameters, sort);
    }

    internal static string Sql(Dialect dialect, ListEngagements query, int wordCount, EngagementSort sort, bool afterCursor, bool frequentWords,
        string columns = EngagementQueries.SummaryColumns)
    {
        var conditions = new List<string> { SensitiveRecords.VisibleEngagement("e") };
        var links = new (Guid? Value, string Table, string Column, string Parameter)[]
        {
            (query.OrganisationId, "engagement_organisations", "organisation_id", "@OrganisationId"),
            (query.ContactId, "engagement_participants", "contact_id", "@ContactId"),
            (query.TopicId, "engagement_topics", "topic_id", "@TopicId"),
        }.Where(l => l.Value is not null).ToList();
        // A rare word's matches are fewer than a walk would visit: then every filter collects and the page is sorted.
        var walk = sort.Column == "starts_at" && links.Count > 0 && (wordCount == 0 || frequentWords) ? links[0] : default;
        var from = "engagements e";
        var (orderColumn, idColumn) = ($"e.{sort.Column}", "e.id");
        if (walk.Table is not null)
        {
            from = $"{walk.Table} d CROSS JOIN engagements e";
            conditions.Add("e.id = d.engagement_id");
            conditions.Add($"d.{walk.Column} = {walk.Parameter}");
            (orderColumn, idColumn) = ("d.starts_at", "d.engagement_id");
        }
        if (query.IncludeArchived != true) conditions.Add("e.archived = 0");
        foreach (var link in links.Where(l => l.Table != walk.Table))
        {
            var alias = $"l{link.Column[0]}";
            // On a walk each engagement is checked by the link's primary key; otherwise the link's engagements are collected.
            conditions.Add(walk.Table is not null
                ? $"EXISTS (SELECT 1 FROM {link.Table} {alias} WHERE {alias}.engagement_id = e.id AND {alias}.{link.Column} = {link.Parameter})"
                : $"e.id IN (SELECT {alias}.engagement_id FROM {link.Table} {alias} WHERE {alias}.{link.Column} = {link.Parameter})");
        }
        if (query.Kind is not null) conditions.Add("e.kind = @Kind");
        if (query.Status is not null) conditions.Add("e.status = @Status");
        if (query.Confidentiality is not null) conditions.Add("e.confidentiality = @Confidentiality");
        // On a walk the link's copy of starts_at bounds the index range itself.
        var startsAt = walk.Table is not null ? "d.starts_at" : "e.starts_at";
        if (query.From is not null) conditions.Add($"{startsAt} >= @From");
        if (query.To is not null) conditions.Add($"{startsAt} <= @To");
        for (var i = 0; i < wordCount; i++)
        {
            var range = $"w{i}.word >= @Word{i}From AND w{i}.word < @Word{i}To";
            conditions.Add(frequentWords
                ? $"EXISTS (SELECT 1 FROM engagement_words w{i} WHERE w{i}.engagement_id = e.id AND {range})"
                : $"e.id IN (SELECT w{i}.engagement_id FROM engagement_words w{i} WHERE {range})");
        }
        if (afterCursor) conditions.Add(Keyset.After(orderColumn, idColumn, sort.Descending, "@CursorTime"));
        return $"SELECT {columns} FROM {from} {Keyset.Where(conditions)} "
            + $"{Keyset.OrderBy(orderColumn, idColumn, sort.Descending)} {dialect.LimitClause}";
    }
}
