using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.TransparencyRegister;

public sealed record ListRegisterEntries : IQuery<Page<RegisterEntryResponse>>
{
    /// <summary>Words that start a word of the name or the acronym; case and accents are ignored ("example plat", "EPL").</summary>
    public string? Q { get; init; }
    /// <summary>true: only entries the last import listed; false: only those no longer listed; omitted: both.</summary>
    public bool? Listed { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    /// <summary>The nextCursor of the previous page.</summary>
    public string? Cursor { get; init; }
}

public sealed class ListRegisterEntriesValidator : AbstractValidator<ListRegisterEntries>
{
    public ListRegisterEntriesValidator()
    {
        RuleFor(q => q.Q).Must(Text.IsSearchable!).When(q => q.Q is not null).WithMessage(Text.SearchableMessage);
        RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }
}

/// <summary>Entries in name order (code-point order of the name key), then by identification code.</summary>
public sealed class ListRegisterEntriesHandler(DbSession session) : IRequestHandler<ListRegisterEntries, Page<RegisterEntryResponse>>
{
    private const string Sort = "name";

    public async Task<Page<RegisterEntryResponse>> Handle(ListRegisterEntries query, CancellationToken cancellationToken)
    {
        var after = Cursor.DecodeKeyed(query.Cursor, Sort);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var (termFrom, termTo) = query.Q is null ? (null, null) : Text.PrefixRange(query.Q);
        var rows = (await session.QueryAsync<RegisterEntryResponse>(Sql(session.Dialect, query, after is not null), new
        {
            query.Listed,
            TermFrom = termFrom,
            TermTo = termTo,
            CursorName = after?.Value,
            CursorId = after?.Key,
            Take = limit + 1,
        }, cancellationToken)).ToList();
        return Cursor.Page(rows, limit, e => Cursor.Encode(Sort, RegisterQueries.NameKey(e.Name), e.IdentificationCode));
    }

    /// <summary>Built only from the fixed fragments below; every value travels as a parameter.</summary>
    internal static string Sql(Dialect dialect, ListRegisterEntries query, bool afterCursor)
    {
        var conditions = new List<string>();
        if (query.Listed is not null) conditions.Add("e.listed = @Listed");
        if (query.Q is not null)
        {
            conditions.Add("e.identification_code IN (SELECT t.identification_code FROM register_entry_terms t WHERE t.term >= @TermFrom AND t.term < @TermTo)");
        }
        if (afterCursor) conditions.Add(Keyset.After("e.name_key", "e.identification_code", false, "@CursorName"));
        return $"SELECT {RegisterQueries.Columns} FROM register_entries e {Keyset.Where(conditions)} "
            + $"{Keyset.OrderBy("e.name_key", "e.identification_code", false)} {dialect.LimitClause}";
    }
}
