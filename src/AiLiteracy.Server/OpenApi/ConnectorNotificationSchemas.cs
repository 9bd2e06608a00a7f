using AiLiteracy.Services;
using Namotion.Reflection;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace AiLiteracy.Server.OpenApi;

/// <summary>
/// Adds the bodies the server posts to webhook subscribers to the Swagger definitions
/// (<c>CompletionRecordedNotification</c>, <c>ClearanceChangedNotification</c>, <c>AgentCreatedNotification</c>): no
/// endpoint returns them, yet subscribers and the connector's <c>x-ms-notification-content</c> need their schemas.
/// </summary>
internal sealed class ConnectorNotificationSchemasProcessor : IDocumentProcessor
{
    /// <summary>The notification types, by event type.</summary>
    public static IReadOnlyDictionary<string, Type> NotificationTypes { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [WebhookEvents.CompletionRecorded] = typeof(CompletionRecordedNotification),
        [WebhookEvents.ClearanceChanged] = typeof(ClearanceChangedNotification),
        [WebhookEvents.AgentCreated] = typeof(AgentCreatedNotification),
    };

    public void Process(DocumentProcessorContext context)
    {
        foreach (var type in NotificationTypes.Values)
        {
            if (!context.SchemaResolver.HasSchema(type, isIntegerEnumeration: false))
            {
                context.SchemaGenerator.GenerateWithReference<NJsonSchema.JsonSchema>(type.ToContextualType(), context.SchemaResolver);
            }
        }
    }
}

/// <summary>Registers the connector's additions to the server (Swagger definitions of the webhook notifications).</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>Adds the connector's Swagger document processor (picked up by every NSwag document of the server).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAiLiteracyConnectorSupport(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IDocumentProcessor, ConnectorNotificationSchemasProcessor>();
        return services;
    }
}

/// <summary>The body posted to a <c>completion.recorded</c> subscriber.</summary>
/// <param name="Id">The event id (the same on every retry: de-duplicate on it).</param>
/// <param name="Type">The event type, <c>completion.recorded</c>.</param>
/// <param name="TenantId">The authority (tenant) id.</param>
/// <param name="OccurredAt">When the completion was recorded.</param>
/// <param name="SubscriptionId">The subscription the notification is for.</param>
/// <param name="Data">The completion.</param>
public sealed record CompletionRecordedNotification(string Id, string Type, string TenantId, DateTimeOffset OccurredAt, string SubscriptionId, CompletionRecordedEvent Data);

/// <summary>The body posted to a <c>clearance.changed</c> subscriber.</summary>
/// <param name="Id">The event id (the same on every retry: de-duplicate on it).</param>
/// <param name="Type">The event type, <c>clearance.changed</c>.</param>
/// <param name="TenantId">The authority (tenant) id.</param>
/// <param name="OccurredAt">When the clearance changed.</param>
/// <param name="SubscriptionId">The subscription the notification is for.</param>
/// <param name="Data">The agent and the new clearance.</param>
public sealed record ClearanceChangedNotification(string Id, string Type, string TenantId, DateTimeOffset OccurredAt, string SubscriptionId, ClearanceChangedEvent Data);

/// <summary>The body posted to an <c>agent.created</c> subscriber.</summary>
/// <param name="Id">The event id (the same on every retry: de-duplicate on it).</param>
/// <param name="Type">The event type, <c>agent.created</c>.</param>
/// <param name="TenantId">The authority (tenant) id.</param>
/// <param name="OccurredAt">When the agent was created.</param>
/// <param name="SubscriptionId">The subscription the notification is for.</param>
/// <param name="Data">The agent's identifiers.</param>
public sealed record AgentCreatedNotification(string Id, string Type, string TenantId, DateTimeOffset OccurredAt, string SubscriptionId, AgentCreatedEvent Data);
