using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Webhooks;

public sealed record ListWebhooks : IQuery<Page<WebhookResponse>>
{
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListWebhooksValidator : AbstractValidator<ListWebhooks>
{
    public ListWebhooksValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
}

public sealed class ListWebhooksHandler(DbSession session) : IRequestHandler<ListWebhooks, Page<WebhookResponse>>
{
    private const string Sort = "id";

    private static readonly SqlText FirstPage = SqlText.Limited($"SELECT {WebhookQueries.Columns} FROM webhook_subscriptions ORDER BY id");

    private static readonly SqlText NextPage = SqlText.Limited($"SELECT {WebhookQueries.Columns} FROM webhook_subscriptions WHERE id > @After ORDER BY id");

    public async Task<Page<WebhookResponse>> Handle(ListWebhooks query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var after = Cursor.Decode(query.Cursor, Sort);
        var rows = (await session.QueryAsync<WebhookResponse>(after is null ? FirstPage : NextPage,
            new { After = after?.Id, Take = limit + 1 }, cancellationToken)).ToList();
        return Cursor.Page(rows, limit, w => Cursor.Encode(Sort, null, w.Id));
    }
}
