using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Endpoints;

/// <summary>Webhook subscriptions (Power Automate webhook triggers).</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var subscriptions = api.MapGroup("/subscriptions").WithTags("Webhooks");

        subscriptions.MapPost("/", SubscribeAsync)
            .WithName("CreateSubscription")
            .WithSummary("Subscribe to an event")
            .WithDescription("Registers a URL to be notified of completion.recorded, clearance.changed or agent.created events; answers 201 with the subscription's URL in the Location header and the signing secret.")
            .RequireAuthorization(AiLiteracyPolicies.Write)
            .Produces<SubscriptionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        subscriptions.MapGet("/", ListAsync)
            .WithName("ListSubscriptions")
            .WithSummary("List subscriptions")
            .WithDescription("Lists the webhook subscriptions of the authority, without their secrets.")
            .RequireAuthorization(AiLiteracyPolicies.Read);

        subscriptions.MapDelete("/{subscriptionId}", DeleteAsync)
            .WithName("DeleteSubscription")
            .WithSummary("Delete a subscription")
            .WithDescription("Stops notifications to the subscription's URL; Power Automate calls it when a flow is turned off or deleted.")
            .RequireAuthorization(AiLiteracyPolicies.Write)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<SubscriptionView>> SubscribeAsync(
        HttpContext context, SubscriptionInput subscription, WebhookSubscriptionService service, IOptions<AiLiteracyServerOptions> options, IHostEnvironment environment, CancellationToken cancellationToken)
    {
        var allowPrivate = environment.IsDevelopment() || options.Value.Webhooks.AllowPrivateNetworkTargets;
        var created = await service.SubscribeAsync(subscription, allowPrivate, context.Actor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(created.Id)}", created);
    }

    private static async Task<Ok<SubscriptionList>> ListAsync(WebhookSubscriptionService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SubscriptionList(await service.ListAsync(cancellationToken).ConfigureAwait(false)));

    private static async Task<NoContent> DeleteAsync(HttpContext context, string subscriptionId, WebhookSubscriptionService service, CancellationToken cancellationToken)
    {
        await service.DeleteAsync(subscriptionId, context.Actor(), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}

/// <summary>The webhook subscriptions.</summary>
/// <param name="Items">The subscriptions.</param>
public sealed record SubscriptionList(IReadOnlyList<SubscriptionView> Items);
