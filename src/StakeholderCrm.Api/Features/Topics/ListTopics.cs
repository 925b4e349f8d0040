using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Topics;

/// <summary>Topics in name order.</summary>
public sealed record ListTopics : IQuery<Page<TopicResponse>>
{
    /// <summary>Words that start a word of the name, ignoring case and accents.</summary>
    public string? Q { get; init; }
    public Guid? ParentId { get; init; }
    public bool? IncludeArchived { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListTopicsValidator : AbstractValidator<ListTopics>
{
    public ListTopicsValidator()
    {
        RuleFor(q => q.Q).Must(Text.IsSearchable!).When(q => q.Q is not null).WithMessage(Text.SearchableMessage);
        RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }
}

public sealed class ListTopicsHandler(DbSession session) : IRequestHandler<ListTopics, Page<TopicResponse>>
{
    private const string Sort = "name";

    public async Task<Page<TopicResponse>> Handle(ListTopics query, CancellationToken cancellationToken)
    {
        var after = Cursor.Decode(query.Cursor, Sort);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var (termFrom, termTo) = query.Q is null ? (null, null) : Text.PrefixRange(query.Q);
        var rows = (await session.QueryAsync<TopicResponse>(Sql(session.Dialect, query, after is not null), new
        {
            query.ParentId, TermFrom = termFrom, TermTo = termTo, CursorName = after?.Value, CursorId = after?.Id, Take = limit + 1,
        }, cancellationToken)).ToList();
        return Cursor.Page(rows, limit, t => Cursor.Encode(Sort, Text.Key(t.Name!), t.Id));
    }

    internal static string Sql(Dialect dialect, ListTopics query, bool afterCursor)
    {
        var conditions = new List<string>();
        if (query.IncludeArchived != true) conditions.Add("t.archived = 0");
        if (query.ParentId is not null) conditions.Add("t.parent_id = @ParentId");
        if (query.Q is not null) conditions.Add(SearchIndex.Condition("t", TopicQueries.EntityType));
        if (afterCursor) conditions.Add(Keyset.After("t.name_key", "t.id", descending: false, "@CursorName"));
        return $"SELECT {TopicQueries.Columns} FROM topics t {Keyset.Where(conditions)} {Keyset.OrderBy("t.name_key", "t.id", false)} {dialect.LimitClause}";
    }
}
