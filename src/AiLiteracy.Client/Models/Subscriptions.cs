namespace AiLiteracy.Client.Models;

/// <summary>A webhook subscription to create (<c>POST /subscriptions</c>).</summary>
public sealed record SubscriptionInput
{
    /// <summary>The HTTPS URL notified.</summary>
    public required string NotificationUrl { get; init; }

    /// <summary>The event: <c>completion.recorded</c>, <c>clearance.changed</c> or <c>agent.created</c>.</summary>
    public required string Event { get; init; }
}

/// <summary>A webhook subscription.</summary>
public sealed record SubscriptionView
{
    /// <summary>The subscription id.</summary>
    public required string Id { get; init; }

    /// <summary>The event subscribed to.</summary>
    public required string Event { get; init; }

    /// <summary>The URL notified.</summary>
    public required string NotificationUrl { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Deliveries failed in a row.</summary>
    public required int ConsecutiveFailures { get; init; }

    /// <summary>The signing secret, returned once, at creation.</summary>
    public string? Secret { get; init; }
}

/// <summary>The webhook subscriptions of the authority.</summary>
public sealed record SubscriptionList
{
    /// <summary>The subscriptions.</summary>
    public IReadOnlyList<SubscriptionView> Items { get; init; } = [];
}
