using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Webhooks;

/// <summary>
/// Delivers the outbox's webhook events: claims due events (a lease: several instances on one PostgreSQL never send
/// the same event at once), posts each to its subscription's URL signed with HMAC-SHA256, then marks it delivered, or
/// failed (the storage reschedules it with exponential backoff and dead-letters it after the attempt limit).
/// </summary>
public sealed partial class WebhookDeliveryWorker : BackgroundService
{
    /// <summary>The name of the HTTP client used for deliveries.</summary>
    public const string HttpClientName = "AiLiteracy.Webhooks";

    /// <summary>Header: HMAC-SHA256 of <c>{timestamp}.{body}</c> with the subscription's secret, as <c>sha256=&lt;hex&gt;</c>.</summary>
    public const string SignatureHeader = "X-AiLiteracy-Signature";

    /// <summary>Header: Unix time (seconds) of the delivery, part of the signed text.</summary>
    public const string TimestampHeader = "X-AiLiteracy-Timestamp";

    /// <summary>Header: the event id (receivers de-duplicate on it).</summary>
    public const string EventIdHeader = "X-AiLiteracy-Event-Id";

    /// <summary>Header: the event type.</summary>
    public const string EventTypeHeader = "X-AiLiteracy-Event-Type";

    private readonly IServiceScopeFactory scopes;
    private readonly IHttpClientFactory httpClients;
    private readonly IOptionsMonitor<AiLiteracyServerOptions> options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<WebhookDeliveryWorker> logger;
    private readonly string workerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Creates the worker.</summary>
    /// <param name="scopes">Scope factory.</param>
    /// <param name="httpClients">HTTP clients.</param>
    /// <param name="options">Server options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">Logger.</param>
    public WebhookDeliveryWorker(IServiceScopeFactory scopes, IHttpClientFactory httpClients, IOptionsMonitor<AiLiteracyServerOptions> options, TimeProvider timeProvider, ILogger<WebhookDeliveryWorker> logger)
    {
        this.scopes = scopes;
        this.httpClients = httpClients;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>Computes the signature header value of a delivery.</summary>
    /// <param name="secret">The subscription's secret.</param>
    /// <param name="timestamp">The timestamp header value.</param>
    /// <param name="body">The body.</param>
    /// <returns><c>sha256=&lt;lower-case hex&gt;</c>.</returns>
    public static string Sign(string secret, string timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue.Webhooks;
            var delivered = 0;
            try
            {
                if (settings.DeliveryEnabled)
                {
                    delivered = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogCycleFailed(logger, ex);
            }

            if (delivered == 0)
            {
                try
                {
                    await Task.Delay(settings.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims and delivers one batch of due events.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The number of events claimed.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue.Webhooks;
        IReadOnlyList<OutboxEvent> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            claimed = await scope.ServiceProvider.GetRequiredService<IOutboxQueue>()
                .ClaimAsync(workerId, settings.BatchSize, settings.Lease, cancellationToken).ConfigureAwait(false);
        }

        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (outboxEvent, ct) => await DeliverAsync(outboxEvent, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return claimed.Count;
    }

    private async Task DeliverAsync(OutboxEvent outboxEvent, CancellationToken cancellationToken)
    {
        using var activity = ServerTelemetry.ActivitySource.StartActivity("ailiteracy.webhook.deliver", ActivityKind.Producer);
        activity?.SetTag("ailiteracy.event.type", outboxEvent.EventType);
        activity?.SetTag("ailiteracy.event.id", outboxEvent.Id);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<RequestTenantContext>().Set(outboxEvent.TenantId);
        var queue = services.GetRequiredService<IOutboxQueue>();
        var subscriptions = services.GetRequiredService<IWebhookSubscriptionRepository>();

        JsonObject envelope;
        string subscriptionId;
        try
        {
            envelope = JsonNode.Parse(outboxEvent.PayloadJson)!.AsObject();
            subscriptionId = envelope["subscriptionId"]!.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or NullReferenceException or InvalidOperationException)
        {
            await queue.MarkFailedAsync(outboxEvent.Id, workerId, "malformed outbox payload", cancellationToken).ConfigureAwait(false);
            return;
        }

        var subscription = await subscriptions.GetAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
        var secret = subscription is null ? null : await subscriptions.GetSigningSecretAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
        if (subscription is null || secret is null)
        {
            // The subscription was deleted after the event was enqueued: nobody to notify any more.
            await queue.MarkDeliveredAsync(outboxEvent.Id, workerId, cancellationToken).ConfigureAwait(false);
            ServerTelemetry.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", "dropped"));
            return;
        }

        var body = new JsonObject
        {
            ["id"] = outboxEvent.Id,
            ["type"] = outboxEvent.EventType,
            ["tenantId"] = outboxEvent.TenantId,
            ["occurredAt"] = envelope["occurredAt"]?.DeepClone(),
            ["subscriptionId"] = subscriptionId,
            ["data"] = envelope["data"]?.DeepClone(),
        }.ToJsonString(AiLiteracyJson.Compact);
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.NotificationUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(EventIdHeader, outboxEvent.Id);
        request.Headers.Add(EventTypeHeader, outboxEvent.EventType);
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Sign(secret, timestamp, body));

        var started = Stopwatch.GetTimestamp();
        string? error;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CurrentValue.Webhooks.DeliveryTimeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = "timeout";
        }
        catch (HttpRequestException ex)
        {
            error = ex.HttpRequestError.ToString();
        }

        ServerTelemetry.WebhookDeliveryDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (error is null)
        {
            await queue.MarkDeliveredAsync(outboxEvent.Id, workerId, cancellationToken).ConfigureAwait(false);
            await subscriptions.RecordDeliveryAsync(subscriptionId, true, cancellationToken).ConfigureAwait(false);
            ServerTelemetry.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", "delivered"));
            return;
        }

        var failure = await queue.MarkFailedAsync(outboxEvent.Id, workerId, error, cancellationToken).ConfigureAwait(false);
        await subscriptions.RecordDeliveryAsync(subscriptionId, false, cancellationToken).ConfigureAwait(false);
        var deadLettered = failure?.DeadLettered == true;
        ServerTelemetry.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", deadLettered ? "dead-lettered" : "retry"));
        LogDeliveryFailed(logger, outboxEvent.Id, outboxEvent.EventType, error, outboxEvent.Attempts, deadLettered);
    }

    /// <summary>Creates the primary handler of the delivery client: no redirects, and (outside Development) no connection to a non-public address even after DNS changes.</summary>
    /// <param name="allowPrivateTargets">Whether private targets are allowed.</param>
    /// <returns>The handler.</returns>
    internal static SocketsHttpHandler CreateHandler(bool allowPrivateTargets) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
            var allowed = addresses.Where(a => allowPrivateTargets || !NotificationUrlPolicy.IsNonPublic(a)).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "The notification URL resolves to a non-public address.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    [LoggerMessage(EventId = 3000, Level = LogLevel.Error, Message = "Webhook delivery cycle failed")]
    private static partial void LogCycleFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Webhook event {EventId} ({EventType}) not delivered: {Error} (attempt {Attempt}, dead-lettered: {DeadLettered})")]
    private static partial void LogDeliveryFailed(ILogger logger, string eventId, string eventType, string error, int attempt, bool deadLettered);
}
