using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.ApiKeys;

public sealed record ListApiKeys : IQuery<Page<ApiKeyResponse>>
{
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListApiKeysValidator : AbstractValidator<ListApiKeys>
{
    public ListApiKeysValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
}

public sealed class ListApiKeysHandler(DbSession session) : IRequestHandler<ListApiKeys, Page<ApiKeyResponse>>
{
    private const string Sort = "id";

    private static readonly SqlText FirstPage = SqlText.Limited($"SELECT {ApiKeyQueries.Columns} FROM api_keys ORDER BY id");

    private static readonly SqlText NextPage = SqlText.Limited($"SELECT {ApiKeyQueries.Columns} FROM api_keys WHERE id > @After ORDER BY id");

    public async Task<Page<ApiKeyResponse>> Handle(ListApiKeys query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var after = Cursor.Decode(query.Cursor, Sort);
        var rows = (await session.QueryAsync<ApiKeyResponse>(after is null ? FirstPage : NextPage,
            new { After = after?.Id, Take = limit + 1 }, cancellationToken)).ToList();
        return Cursor.Page(rows, limit, k => Cursor.Encode(Sort, null, k.Id));
    }
}
