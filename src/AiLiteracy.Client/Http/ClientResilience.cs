using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace AiLiteracy.Client.Http;

/// <summary>
/// The client's retry policy. A 429 or 503 means the server did not process the request: it is retried whatever the
/// method, after the <c>Retry-After</c> the server gave (never retried when that is longer than
/// <see cref="AiLiteracyClientOptions.MaxRetryAfter"/>). Other transient failures (408, 500, 502, 504, network errors,
/// attempt timeouts) are retried only for idempotent methods (GET, HEAD, PUT, DELETE), with exponential back-off.
/// </summary>
internal static class ClientResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, AiLiteracyClientOptions options)
    {
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options.MaxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response) : null),
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan maxRetryAfter)
    {
        if (outcome.Result is { } response)
        {
            var status = response.StatusCode;
            if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                return RetryAfter(response) is not { } wait || wait <= maxRetryAfter;
            }

            return status is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
                && IsIdempotent(response.RequestMessage?.Method ?? context.GetRequestMessage()?.Method);
        }

        return outcome.Exception is HttpRequestException or TimeoutRejectedException
            && IsIdempotent(context.GetRequestMessage()?.Method);
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage response) => AiLiteracyApiException.RetryAfterOf(response.Headers.RetryAfter);

    private static bool IsIdempotent(HttpMethod? method) =>
        method is not null && (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options);
}
