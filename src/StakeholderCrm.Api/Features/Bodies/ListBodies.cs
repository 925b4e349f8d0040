using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Resources;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Bodies;

/// <summary>Bodies in name order.</summary>
public sealed record ListBodies : IQuery<Page<BodyResponse>>
{
    /// <summary>Words that start a word of the name, ignoring case and accents.</summary>
    public string? Q { get; init; }
    /// <summary>forum, codeOfConduct, codeOfPractice, alliance, principles or other.</summary>
    [OneOf<BodyKind>]
    public string? Kind { get; init; }
    public bool? IncludeArchived { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListBodiesValidator : AbstractValidator<ListBodies>
{
    public ListBodiesValidator()
    {
        RuleFor(q => q.Q).Must(Text.IsSearchable!).When(q => q.Q is not null).WithMessage(Text.SearchableMessage);
        RuleFor(q => q.Kind).OneOf(ApiEnum<BodyKind>.Names);
        RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }
}

public sealed class ListBodiesHandler(DbSession session) : IRequestHandler<ListBodies, Page<BodyResponse>>
{
    private const string Sort = "name";

    public async Task<Page<BodyResponse>> Handle(ListBodies query, CancellationToken cancellationToken)
    {
        var after = Cursor.Decode(query.Cursor, Sort);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var (termFrom, termTo) = query.Q is null ? (null, null) : Text.PrefixRange(query.Q);
        var rows = (await session.QueryAsync<BodyResponse>(Sql(session.Dialect, query, after is not null), new
        {
            query.Kind,
            TermFrom = termFrom, TermTo = termTo, CursorName = after?.Value, CursorId = after?.Id, Take = limit + 1,
        }, cancellationToken)).ToList();
        return Cursor.Page(rows, limit, b => Cursor.Encode(Sort, Text.Key(b.Name!), b.Id));
    }

    internal static string Sql(Dialect dialect, ListBodies query, bool afterCursor)
    {
        var conditions = new List<string>();
        if (query.IncludeArchived != true) conditions.Add("b.archived = 0");
        if (query.Kind is not null) conditions.Add("b.kind = @Kind");
        if (query.Q is not null) conditions.Add(SearchIndex.Condition("b", BodyQueries.EntityType));
        if (afterCursor) conditions.Add(Keyset.After("b.name_key", "b.id", descending: false, "@CursorName"));
        return $"SELECT {BodyQueries.Columns} FROM bodies b {Keyset.Where(conditions)} {Keyset.OrderBy("b.name_key", "b.id", false)} {dialect.LimitClause}";
    }
}
