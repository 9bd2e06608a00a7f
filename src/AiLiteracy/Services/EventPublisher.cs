using System.Text.Json;
using System.Text.Json.Nodes;
using AiLiteracy.Ports;

namespace AiLiteracy.Services;

/// <summary>The webhook event types.</summary>
public static class WebhookEvents
{
    /// <summary>A completion was recorded (new, not a repeat).</summary>
    public const string CompletionRecorded = "completion.recorded";

    /// <summary>An agent's clearance changed (cleared ↔ not cleared).</summary>
    public const string ClearanceChanged = "clearance.changed";

    /// <summary>An agent was created.</summary>
    public const string AgentCreated = "agent.created";

    /// <summary>Every event type.</summary>
    public static IReadOnlyList<string> All { get; } = [CompletionRecorded, ClearanceChanged, AgentCreated];
}

/// <summary>
/// Enqueues webhook events in the transactional outbox: one outbox message per matching subscription, so that each
/// subscription is retried and dead-lettered on its own. Call inside <see cref="IUnitOfWork.ExecuteAsync"/> with the
/// change the event reports.
/// </summary>
public class EventPublisher
{
    private readonly IWebhookSubscriptionRepository subscriptions;
    private readonly IOutbox outbox;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the publisher.</summary>
    /// <param name="subscriptions">The subscriptions.</param>
    /// <param name="outbox">The outbox.</param>
    /// <param name="timeProvider">The clock.</param>
    public EventPublisher(IWebhookSubscriptionRepository subscriptions, IOutbox outbox, TimeProvider timeProvider)
    {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.timeProvider = timeProvider;
    }

    /// <summary>Enqueues <paramref name="data"/> as an event of <paramref name="eventType"/> for every subscription to it.</summary>
    /// <typeparam name="T">The data type.</typeparam>
    /// <param name="eventType">The event type.</param>
    /// <param name="data">The event data (no more personal data than the receiver needs).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of messages enqueued.</returns>
    public virtual async Task<int> PublishAsync<T>(string eventType, T data, CancellationToken cancellationToken = default)
    {
        var targets = await subscriptions.ListForEventAsync(eventType, cancellationToken).ConfigureAwait(false);
        if (targets.Count == 0)
        {
            return 0;
        }

        var dataNode = JsonSerializer.SerializeToNode(data, AiLiteracyJson.Compact);
        var occurredAt = timeProvider.GetUtcNow();
        foreach (var subscription in targets)
        {
            var envelope = new JsonObject
            {
                ["subscriptionId"] = subscription.Id,
                ["occurredAt"] = occurredAt,
                ["data"] = dataNode?.DeepClone(),
            };
            await outbox.EnqueueAsync(new OutboxMessage(eventType, envelope.ToJsonString(AiLiteracyJson.Compact)), cancellationToken).ConfigureAwait(false);
        }

        return targets.Count;
    }
}

/// <summary>The data of a <c>completion.recorded</c> event.</summary>
/// <param name="Completion">The completion.</param>
public sealed record CompletionRecordedEvent(CompletionView Completion);

/// <summary>The data of a <c>clearance.changed</c> event.</summary>
/// <param name="EmployeeNumber">The agent.</param>
/// <param name="IsCleared">Whether the agent is now cleared.</param>
/// <param name="AsOf">Evaluation date.</param>
/// <param name="Reasons">Why the agent is not cleared (empty when cleared).</param>
public sealed record ClearanceChangedEvent(string EmployeeNumber, bool IsCleared, DateOnly AsOf, IReadOnlyList<ReasonView> Reasons);

/// <summary>The data of an <c>agent.created</c> event (identifiers only; fetch the agent for the rest).</summary>
/// <param name="EmployeeNumber">Employee number.</param>
/// <param name="OrgUnitId">Org unit.</param>
/// <param name="JobFamilyId">Job family.</param>
/// <param name="Roles">Roles.</param>
public sealed record AgentCreatedEvent(string EmployeeNumber, string? OrgUnitId, string? JobFamilyId, IReadOnlyList<string> Roles);
