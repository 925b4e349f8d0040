using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StakeholderCrm.Api.Infrastructure.Auth;
using StakeholderCrm.Api.Infrastructure.Changes;
using StakeholderCrm.Api.Infrastructure.Http;
using StakeholderCrm.Api.Infrastructure.Pipeline;

namespace StakeholderCrm.Api.Features.Webhooks;

public static class WebhookEndpoints
{
    public const string Route = "/api/webhooks";

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.SecuredGroup(Route, "Webhooks").RequireAuthorization(Policies.Admin);

        webhooks.MapPost("/", async Task<Created<CreatedWebhookResponse>> (CreateWebhook command, IMediator mediator, HttpContext http) =>
            {
                var created = await mediator.Send(command, http.RequestAborted);
                return http.CreatedWithETag($"{Route}/{created.Id}", created);
            })
            .WithName("CreateWebhook").WithSummary("Subscribe a receiver to events; the signing secret is returned this once.")
            .ProducesProblems(400, 413);

        webhooks.MapGet("/", async Task<Ok<Page<WebhookResponse>>> ([AsParameters] ListWebhooks query, IMediator mediator, HttpContext http) =>
                TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListWebhooks").WithSummary("List webhook subscriptions, without their secrets.")
            .ProducesProblems(400);

        webhooks.MapGet("/{id:guid}", async Task<Ok<WebhookResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new GetWebhook(id), http.RequestAborted)))
            .WithName("GetWebhook").WithSummary("Read a webhook subscription, and why the API disabled it if it did.")
            .ProducesProblems(404);

        webhooks.MapPatch("/{id:guid}", async Task<Ok<WebhookResponse>> (Guid id, [FromBody] JsonElement patch, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new UpdateWebhook(id, ETags.RequiredVersion(http.Request), patch), http.RequestAborted)))
            .WithName("UpdateWebhook").WithSummary("Change a subscription with a JSON merge patch; active=true enables it again. If-Match is required.")
            .Accepts<WebhookFields>(MergePatch.ContentType, "application/json")
            .ProducesProblems(400, 404, 412, 413, 428);

        webhooks.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, IMediator mediator, HttpContext http) =>
            {
                await mediator.Send(new DeleteWebhook(id), http.RequestAborted);
                return TypedResults.NoContent();
            })
            .WithName("DeleteWebhook").WithSummary("Delete a subscription with its delivery log; nothing more is sent to it.")
            .ProducesProblems(404);

        webhooks.MapPost("/{id:guid}/rotate-secret", async Task<Ok<CreatedWebhookResponse>> (Guid id, IMediator mediator, HttpContext http) =>
                http.OkWithETag(await mediator.Send(new RotateWebhookSecret(id), http.RequestAborted)))
            .WithName("RotateWebhookSecret")
            .WithSummary("Issue a new signing secret, returned this once; for 24 hours deliveries carry the old and the new signature.")
            .ProducesProblems(404, 412);

        webhooks.MapGet("/{id:guid}/deliveries", async Task<Ok<Page<WebhookDeliveryResponse>>> ([AsParameters] ListWebhookDeliveries query,
                IMediator mediator, HttpContext http) => TypedResults.Ok(await mediator.Send(query, http.RequestAborted)))
            .WithName("ListWebhookDeliveries").WithSummary("A subscription's deliveries, newest first, each with every attempt's time, status, duration and error.")
            .ProducesProblems(400, 404);

        webhooks.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", async Task<Accepted<WebhookDeliveryResponse>> (Guid id, Guid deliveryId,
                IMediator mediator, OutboxSignal outbox, UnitOfWork unitOfWork, HttpContext http) =>
            {
                var delivery = await mediator.Send(new RedeliverWebhook(id, deliveryId), http.RequestAborted);
                unitOfWork.AfterCommit(outbox.Raise);
                return TypedResults.Accepted((string?)null, delivery);
            })
            .WithName("RedeliverWebhook").WithSummary("Send a delivery's message again, with the same webhook-id.")
            .ProducesProblems(404, 409);

        webhooks.MapPost("/{id:guid}/ping", async Task<Accepted<WebhookDeliveryResponse>> (Guid id, IMediator mediator, OutboxSignal outbox,
                UnitOfWork unitOfWork, HttpContext http) =>
            {
                var delivery = await mediator.Send(new PingWebhook(id), http.RequestAborted);
                unitOfWork.AfterCommit(outbox.Raise);
                return TypedResults.Accepted((string?)null, delivery);
            })
            .WithName("PingWebhook").WithSummary("Send a webhook.ping event to this subscription alone.")
            .ProducesProblems(404, 409);
    }
}
