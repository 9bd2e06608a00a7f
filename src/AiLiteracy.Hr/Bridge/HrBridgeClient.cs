using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace AiLiteracy.Hr.Bridge;

/// <summary>
/// The HR bridge seen from the SDK: agents read page by page, training records sent with an idempotency key. Retries
/// (429/5xx honouring <c>Retry-After</c>), timeouts and the circuit breaker are in the HTTP pipeline registered by
/// <see cref="HrBridgeServiceCollectionExtensions.AddHrBridgeClient"/>; this class turns what is left into
/// <see cref="HrBridgeException"/>.
/// </summary>
public class HrBridgeClient
{
    private readonly IHrBridgeApi _api;
    private readonly HrBridgeOptions _options;

    /// <summary>Creates the client.</summary>
    /// <param name="api">The Refit client.</param>
    /// <param name="options">The options.</param>
    public HrBridgeClient(IHrBridgeApi api, IOptions<HrBridgeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _options = options.Value;
    }

    /// <summary>The base address of the bridge.</summary>
    public Uri? BaseAddress => _options.BaseAddress;

    /// <summary>Reads the agents changed at or after <paramref name="updatedSince"/>, one page at a time.</summary>
    /// <param name="updatedSince">Only agents changed at or after this time; all when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pages.</returns>
    /// <exception cref="HrBridgeException">A page could not be read after the retries.</exception>
    public virtual async IAsyncEnumerable<HrBridgeAgentPage> ListAgentPagesAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var since = updatedSince?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
        string? cursor = null;
        do
        {
            HrBridgeAgentPage page;
            try
            {
                page = await _api.ListAgentsAsync(since, cursor, _options.PageSize, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransportFailure(ex))
            {
                throw Wrap("GET /agents", ex);
            }

            yield return page;
            cursor = page.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor));
    }

    /// <summary>Sends a training record; a repeat with the same key is acknowledged without a second record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="idempotencyKey">The key identifying this record and status.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The receipt and whether the bridge already had it (200 rather than 201).</returns>
    /// <exception cref="HrBridgeException">The record was refused (4xx) or could not be sent after the retries.</exception>
    public virtual async Task<(HrTrainingRecordReceipt Receipt, bool AlreadyReceived)> SendTrainingRecordAsync(HrTrainingRecord record, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        IApiResponse<HrTrainingRecordReceipt> response;
        try
        {
            response = await _api.ReceiveTrainingRecordAsync(idempotencyKey, record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportFailure(ex))
        {
            throw Wrap("POST /training-records", ex);
        }

        using (response)
        {
            if (response.Error is ApiRequestException { InnerException: { } cause } && IsTransportFailure(cause))
            {
                // No response at all (circuit open, timeout, network): Refit reports it in the response.
                throw Wrap("POST /training-records", cause);
            }

            if (response.IsSuccessStatusCode && response.Content is { } receipt)
            {
                return (receipt, response.StatusCode == HttpStatusCode.OK);
            }

            var detail = (response.Error as ApiException)?.Content;
            var status = response.StatusCode is { } code ? (int)code : (int?)null;
            throw new HrBridgeException(
                $"The HR bridge refused training record {record.RecordId} (HTTP {status}){(string.IsNullOrWhiteSpace(detail) ? "" : ": " + detail)}",
                status,
                response.Error);
        }
    }

    private static bool IsTransportFailure(Exception ex) =>
        ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or ApiException or ApiRequestException or HrBridgeException
            or TaskCanceledException { CancellationToken.IsCancellationRequested: false };

    private static HrBridgeException Wrap(string call, Exception ex) => ex switch
    {
        HrBridgeException bridge => bridge,
        ApiRequestException { InnerException: { } inner } => Wrap(call, inner),
        ApiException api => new HrBridgeException($"{call} failed: HTTP {(int)api.StatusCode}.", (int)api.StatusCode, api),
        BrokenCircuitException => new HrBridgeException($"{call} not sent: the HR bridge failed too often recently (circuit open); try again later.", null, ex),
        TimeoutRejectedException or TaskCanceledException => new HrBridgeException($"{call} timed out.", null, ex),
        _ => new HrBridgeException($"{call} failed: {ex.Message}", null, ex),
    };
}
