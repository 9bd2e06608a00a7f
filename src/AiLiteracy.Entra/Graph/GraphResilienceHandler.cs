using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Entra.Graph;

/// <summary>
/// The innermost handler of the Graph pipeline: counts every HTTP request actually sent, and retries reads (GET)
/// on throttling (429), 503, 504 and dropped connections, honouring <c>Retry-After</c>. Writes are never retried
/// here: the batch executor decides, because only it knows which items were applied.
/// </summary>
internal sealed class GraphResilienceHandler(
    GraphRequestCounter counter, EntraGroupSyncOptions options, TimeProvider timeProvider, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isRead = request.Method == HttpMethod.Get;
        for (var attempt = 1; ; attempt++)
        {
            counter.Count(request);
            EntraTelemetry.GraphRequests.Add(1, new KeyValuePair<string, object?>("kind", isRead ? "read" : "write"));
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (isRead && attempt < options.MaxAttempts && IsTransport(ex) && !cancellationToken.IsCancellationRequested)
            {
                var wait = GraphRetry.Backoff(options, attempt);
                logger.LogWarning(ex, "Graph read {Uri} failed ({Message}); retry {Attempt} in {Delay}.", request.RequestUri, ex.Message, attempt, wait);
                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (isRead && attempt < options.MaxAttempts && GraphRetry.IsTransient(response.StatusCode))
            {
                var wait = GraphRetry.Delay(options, response.Headers.RetryAfter, attempt, timeProvider);
                logger.LogInformation("Graph read {Uri} answered {Status}; retry {Attempt} in {Delay}.", request.RequestUri, (int)response.StatusCode, attempt, wait);
                response.Dispose();
                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return response;
        }
    }

    internal static bool IsTransport(Exception ex) => ex is HttpRequestException or IOException;
}

/// <summary>Retry arithmetic shared by reads and batches.</summary>
internal static class GraphRetry
{
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    public static TimeSpan Backoff(EntraGroupSyncOptions options, int attempt)
    {
        var ticks = options.RetryDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 16));
        return Cap(options, TimeSpan.FromTicks((long)Math.Min(ticks, TimeSpan.MaxValue.Ticks / 2)));
    }

    public static TimeSpan Delay(EntraGroupSyncOptions options, RetryConditionHeaderValue? retryAfter, int attempt, TimeProvider timeProvider) =>
        FromRetryAfter(options, retryAfter, timeProvider) ?? Backoff(options, attempt);

    public static TimeSpan? FromRetryAfter(EntraGroupSyncOptions options, RetryConditionHeaderValue? retryAfter, TimeProvider timeProvider)
    {
        if (retryAfter?.Delta is { } delta)
        {
            return Cap(options, delta);
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return Cap(options, wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        }

        return null;
    }

    public static TimeSpan? FromRetryAfter(EntraGroupSyncOptions options, string? header, TimeProvider timeProvider) =>
        header is not null && RetryConditionHeaderValue.TryParse(header, out var value) ? FromRetryAfter(options, value, timeProvider) : null;

    private static TimeSpan Cap(EntraGroupSyncOptions options, TimeSpan wait) => wait > options.MaxRetryDelay ? options.MaxRetryDelay : wait;
}
