using AiLiteracy.Import;
using AiLiteracy.Model;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Endpoints;

/// <summary>
/// The connector's webhook triggers (one path per event, as Power Automate needs one operation per trigger) and the
/// import of an HR CSV file sent as JSON (Power Automate file content is base64 in a JSON body). Each trigger creates
/// an ordinary webhook subscription and answers 201 with its absolute URL in <c>Location</c>: Power Automate calls
/// DELETE on that URL, with the connection's credentials, when the flow is turned off or deleted.
/// </summary>
internal static class ConnectorTriggerEndpoints
{
    public static RouteGroupBuilder MapConnectorTriggerEndpoints(this RouteGroupBuilder api, long maxImportBytes)
    {
        MapTrigger(api, "completion-recorded", WebhookEvents.CompletionRecorded, "CreateCompletionRecordedSubscription",
            "Subscribe to recorded completions",
            "Subscribes the notification URL to the completion.recorded event: each new completion is posted to it; answers 201 with the subscription's URL in the Location header.");
        MapTrigger(api, "clearance-changed", WebhookEvents.ClearanceChanged, "CreateClearanceChangedSubscription",
            "Subscribe to clearance changes",
            "Subscribes the notification URL to the clearance.changed event: each time an agent becomes cleared or stops being cleared, the change is posted to it; answers 201 with the subscription's URL in the Location header.");
        MapTrigger(api, "agent-created", WebhookEvents.AgentCreated, "CreateAgentCreatedSubscription",
            "Subscribe to new agents",
            "Subscribes the notification URL to the agent.created event: each agent created by the API or an HR import is posted to it; answers 201 with the subscription's URL in the Location header.");

        api.MapPost("/imports/agents/csv-content", ImportCsvContentAsync)
            .WithTags("Imports")
            .WithName("ImportAgentsCsvContent")
            .WithSummary("Import agents from CSV file content")
            .WithDescription("Creates, updates and deactivates agents from the content of a French HR CSV export sent base64-encoded in a JSON body (the file content of a Power Automate action); with full, active agents absent from the file are deactivated, unless that would deactivate more than 10 % of the active agents: the import then applies nothing and answers 409 (code import-deactivation-safety-stop), and the force query flag applies it anyway. Returns what was done and the rejected lines.")
            .RequireAuthorization(AiLiteracyPolicies.Write)
            .ChangesReportData()
            .WithMetadata(new RequestSizeLimitAttribute(maxImportBytes / 3 * 4 + 4096))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static void MapTrigger(RouteGroupBuilder api, string route, string eventType, string name, string summary, string description) =>
        api.MapPost("/triggers/" + route, (HttpContext context, TriggerSubscriptionInput subscription, WebhookSubscriptionService service,
                IOptions<AiLiteracyServerOptions> options, IHostEnvironment environment, CancellationToken cancellationToken) =>
                SubscribeAsync(context, eventType, "/triggers/" + route, subscription, service, options, environment, cancellationToken))
            .WithTags("Webhooks")
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description)
            .RequireAuthorization(AiLiteracyPolicies.Write)
            .Produces<SubscriptionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Created<SubscriptionView>> SubscribeAsync(
        HttpContext context,
        string eventType,
        string route,
        TriggerSubscriptionInput subscription,
        WebhookSubscriptionService service,
        IOptions<AiLiteracyServerOptions> options,
        IHostEnvironment environment,
        CancellationToken cancellationToken)
    {
        var allowPrivate = environment.IsDevelopment() || options.Value.Webhooks.AllowPrivateNetworkTargets;
        var created = await service.SubscribeAsync(
            new SubscriptionInput { NotificationUrl = subscription.NotificationUrl, Event = eventType }, allowPrivate, context.Actor(), cancellationToken).ConfigureAwait(false);

        // The subscription lives at {api prefix}/subscriptions/{id}; the prefix is this request's path less the route.
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var prefix = path.EndsWith(route, StringComparison.OrdinalIgnoreCase) ? path[..^route.Length] : string.Empty;
        var location = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, prefix + "/subscriptions/" + Uri.EscapeDataString(created.Id));
        return TypedResults.Created(location, created);
    }

    /// <param name="context">The request.</param>
    /// <param name="import">The file.</param>
    /// <param name="service">The agents import.</param>
    /// <param name="force">Apply a full import even when it deactivates more than the safety threshold of active agents. Default: false.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> ImportCsvContentAsync(
        HttpContext context, CsvContentImportInput import, AgentImportService service, [FromQuery] bool? force, CancellationToken cancellationToken)
    {
        if (import.Content is not { Length: > 0 } content)
        {
            throw new InputValidationException([new InputError("$.content", "required", new LocalizedText(
                "Contenu du fichier CSV manquant (base64).", "Missing CSV file content (base64)."))]);
        }

        var fileName = string.IsNullOrWhiteSpace(import.FileName) ? "agents.csv" : Path.GetFileName(import.FileName.Trim());
        await using var stream = new MemoryStream(content, writable: false);
        return await AgentCsvImport.RunAsync(context, service, stream, fileName, import.Full ?? false, force ?? false, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The body of a connector webhook trigger subscription.</summary>
public sealed record TriggerSubscriptionInput
{
    /// <summary>The URL to post notifications to (filled by Power Automate with the flow's callback URL).</summary>
    public string? NotificationUrl { get; init; }
}

/// <summary>An HR CSV file sent as JSON.</summary>
public sealed record CsvContentImportInput
{
    /// <summary>The file content, base64-encoded (UTF-8 with or without BOM, or Windows-1252; <c>;</c> separator).</summary>
    public byte[]? Content { get; init; }

    /// <summary>The file name, kept in the audit log (default <c>agents.csv</c>).</summary>
    public string? FileName { get; init; }

    /// <summary>Whether the file is a full export: active agents absent from it are then deactivated, unless more than the safety threshold would be (409 without the <c>force</c> query flag). Default: false.</summary>
    public bool? Full { get; init; }
}
