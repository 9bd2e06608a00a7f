namespace AiLiteracy.Ports;

/// <summary>An event to publish (webhooks), written in the same unit of work as the change it reports.</summary>
/// <param name="EventType">The event type, e.g. <c>completion.recorded</c>.</param>
/// <param name="PayloadJson">The JSON payload.</param>
public sealed record OutboxMessage(string EventType, string PayloadJson)
{
    /// <summary>Earliest delivery time; <see langword="null"/> means now.</summary>
    public DateTimeOffset? AvailableAt { get; init; }
}

/// <summary>A stored outbox event.</summary>
public sealed record OutboxEvent
{
    /// <summary>Event id (opaque, stable; webhook receivers may use it to de-duplicate).</summary>
    public required string Id { get; init; }

    /// <summary>The tenant the event belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>The event type.</summary>
    public required string EventType { get; init; }

    /// <summary>The JSON payload.</summary>
    public required string PayloadJson { get; init; }

    /// <summary>When the event was enqueued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Earliest time of the next delivery attempt.</summary>
    public required DateTimeOffset AvailableAt { get; init; }

    /// <summary>Number of delivery attempts claimed so far (including a claim in progress).</summary>
    public int Attempts { get; init; }

    /// <summary>The worker holding the lease, if any.</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>End of the current lease, if any.</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    /// <summary>When the event was delivered.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>When the event was given up after too many failed attempts.</summary>
    public DateTimeOffset? DeadLetteredAt { get; init; }

    /// <summary>The error of the last failed attempt (no personal data).</summary>
    public string? LastError { get; init; }
}

/// <summary>What became of an event whose delivery failed.</summary>
/// <param name="DeadLettered"><see langword="true"/> when the event reached the attempt limit and will not be retried.</param>
/// <param name="NextAttemptAt">When the event becomes due again, when it was rescheduled.</param>
public sealed record OutboxFailureResult(bool DeadLettered, DateTimeOffset? NextAttemptAt);

/// <summary>The transactional outbox of the current tenant: events enqueued here commit or roll back with the change they report.</summary>
public interface IOutbox
{
    /// <summary>Enqueues an event; inside <see cref="IUnitOfWork.ExecuteAsync"/> it commits with the rest of the work.</summary>
    /// <param name="message">The event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored event.</returns>
    Task<OutboxEvent> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Gets an event of the current tenant.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The event, or <see langword="null"/>.</returns>
    Task<OutboxEvent?> GetAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>Lists the dead-lettered events of the current tenant, newest first.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The events.</returns>
    Task<IReadOnlyList<OutboxEvent>> ListDeadLetteredAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes a dead-lettered event of the current tenant due again with a fresh attempt count.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the event was dead-lettered and is now due.</returns>
    Task<bool> RequeueAsync(string eventId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The delivery side of the outbox, for background workers of every tenant (not scoped to the current tenant).
/// Several server instances may claim at once: an event is leased to one worker at a time.
/// </summary>
public interface IOutboxQueue
{
    /// <summary>Claims up to <paramref name="maxCount"/> due events (oldest due first) for <paramref name="lease"/>; counts an attempt for each.</summary>
    /// <param name="workerId">A unique id of the claiming worker.</param>
    /// <param name="maxCount">Maximum number of events to claim.</param>
    /// <param name="lease">How long the claim lasts; after it expires, another worker may claim the event again.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The claimed events.</returns>
    Task<IReadOnlyList<OutboxEvent>> ClaimAsync(string workerId, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks a claimed event as delivered.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="workerId">The worker holding the lease.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the worker held the lease and the event is now delivered.</returns>
    Task<bool> MarkDeliveredAsync(string eventId, string workerId, CancellationToken cancellationToken = default);

    /// <summary>Records a failed delivery: the event is rescheduled with exponential backoff, or dead-lettered after the attempt limit.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="workerId">The worker holding the lease.</param>
    /// <param name="error">A short error description without personal data (HTTP status, exception type).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What became of the event, or <see langword="null"/> when the worker no longer held the lease.</returns>
    Task<OutboxFailureResult?> MarkFailedAsync(string eventId, string workerId, string error, CancellationToken cancellationToken = default);
}

/// <summary>
/// Runs work atomically: every write made through the storage ports inside the callback (a completion and its outbox
/// event, for instance) commits together or not at all.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>Runs <paramref name="work"/> in a transaction and commits it when the callback returns; a nested call joins the outer transaction.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The callback's result.</returns>
    Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);
}
