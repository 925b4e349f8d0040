using System.Globalization;
using FluentValidation;
using MediatR;
using StakeholderCrm.Api.Infrastructure.Data;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.OpenApi;
using StakeholderCrm.Api.Infrastructure.Pipeline;
using StakeholderCrm.Api.Infrastructure.Rules;

namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>A subscription's deliveries, newest message first, each with its attempts.</summary>
public sealed record ListWebhookDeliveries : IQuery<Page<WebhookDeliveryResponse>>
{
    public Guid Id { get; init; }
    [OneOf<DeliveryStatus>]
    public string? Status { get; init; }
    /// <summary>1 to 200, default 50.</summary>
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveries>
{
    public ListWebhookDeliveriesValidator()
    {
        RuleFor(q => q.Status).OneOf(ApiEnum<DeliveryStatus>.Names);
        RuleFor(q => q.Limit).InclusiveBetween(1, Cursor.MaxLimit);
    }
}

public sealed class ListWebhookDeliveriesHandler(DbSession session) : IRequestHandler<ListWebhookDeliveries, Page<WebhookDeliveryResponse>>
{
    private const string Sort = "-sequence";

    private static readonly SqlText Deliveries = SqlText.Limited($"""
        SELECT {WebhookDeliveryQueries.Columns} FROM webhook_deliveries d JOIN webhook_messages m ON m.sequence = d.message_sequence
        WHERE d.subscription_id = @Id AND (@Status IS NULL OR d.status = @Status) AND d.message_sequence < @Before
        ORDER BY d.message_sequence DESC
        """);

    public async Task<Page<WebhookDeliveryResponse>> Handle(ListWebhookDeliveries query, CancellationToken cancellationToken)
    {
        await WebhookQueries.LoadAsync(session, query.Id, cancellationToken);
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var before = Cursor.Decode(query.Cursor, Sort) is { } position
            ? long.TryParse(position.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence
                : throw new BadRequestFieldException("cursor", "The cursor is not one this list issued; start again without a cursor.")
            : long.MaxValue;
        var rows = (await session.QueryAsync<WebhookDeliveryQueries.Row>(Deliveries,
            new { query.Id, query.Status, Before = before, Take = limit + 1 }, cancellationToken)).ToList();
        var page = Cursor.Page(rows, limit, r => Cursor.Encode(Sort, r.MessageSequence.ToString(CultureInfo.InvariantCulture), r.Id));
        return new Page<WebhookDeliveryResponse>(await WebhookDeliveryQueries.WithAttemptsAsync(session, page.Items, cancellationToken), page.NextCursor);
    }
}
