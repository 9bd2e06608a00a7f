namespace AiLiteracy.Ports;

/// <summary>A webhook subscription (signing secret not included: see <see cref="IWebhookSubscriptionRepository.GetSigningSecretAsync"/>).</summary>
public sealed record WebhookSubscription
{
    /// <summary>Subscription id.</summary>
    public required string Id { get; init; }

    /// <summary>The event type subscribed to, or <c>*</c> for every event.</summary>
    public required string EventType { get; init; }

    /// <summary>The URL notifications are posted to.</summary>
    public required Uri NotificationUrl { get; init; }

    /// <summary>When the subscription was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Deliveries failed in a row since the last success.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>When the last delivery failed.</summary>
    public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>When the last delivery succeeded.</summary>
    public DateTimeOffset? LastDeliveredAt { get; init; }
}

/// <summary>A newly created subscription with its signing secret, returned once.</summary>
/// <param name="Subscription">The subscription.</param>
/// <param name="Secret">The secret the receiver uses to check signatures.</param>
public sealed record CreatedWebhookSubscription(WebhookSubscription Subscription, string Secret)
{
    /// <summary>Returns a description without the secret.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"CreatedWebhookSubscription {{ Subscription = {Subscription}, Secret = *** }}";
}

/// <summary>The webhook subscriptions of the current tenant (Power Automate triggers, vendor integrations).</summary>
public interface IWebhookSubscriptionRepository
{
    /// <summary>Creates a subscription.</summary>
    /// <param name="eventType">The event type, or <c>*</c>.</param>
    /// <param name="notificationUrl">An absolute HTTPS (or loopback HTTP) URL.</param>
    /// <param name="secret">The signing secret; a random one is generated when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The subscription and its secret.</returns>
    Task<CreatedWebhookSubscription> CreateAsync(string eventType, Uri notificationUrl, string? secret = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a subscription.</summary>
    /// <param name="subscriptionId">The subscription id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The subscription, or <see langword="null"/>.</returns>
    Task<WebhookSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>Lists subscriptions, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The subscriptions.</returns>
    Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists the subscriptions notified of <paramref name="eventType"/> (its own and <c>*</c>), oldest first.</summary>
    /// <param name="eventType">The event type.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The subscriptions.</returns>
    Task<IReadOnlyList<WebhookSubscription>> ListForEventAsync(string eventType, CancellationToken cancellationToken = default);

    /// <summary>Gets the signing secret of a subscription (never log it).</summary>
    /// <param name="subscriptionId">The subscription id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The secret, or <see langword="null"/> when the subscription does not exist.</returns>
    Task<string?> GetSigningSecretAsync(string subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>Records the outcome of a delivery: a success resets the failure count, a failure increments it.</summary>
    /// <param name="subscriptionId">The subscription id.</param>
    /// <param name="succeeded">Whether the delivery succeeded.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The failure count after the update, or <see langword="null"/> when the subscription does not exist.</returns>
    Task<int?> RecordDeliveryAsync(string subscriptionId, bool succeeded, CancellationToken cancellationToken = default);

    /// <summary>Deletes a subscription.</summary>
    /// <param name="subscriptionId">The subscription id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    Task<bool> DeleteAsync(string subscriptionId, CancellationToken cancellationToken = default);
}
