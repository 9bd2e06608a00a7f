using System.Net;
using System.Reflection;
using AiLiteracy.Hr.Xapi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace AiLiteracy.Hr.Bridge;

/// <summary>Registers the HR bridge client (Refit over HttpClientFactory with a resilience pipeline) and the LRS client.</summary>
public static class HrBridgeServiceCollectionExtensions
{
    /// <summary>The name of the resilience pipeline of the HR bridge.</summary>
    public const string PipelineName = "hr-bridge";

    /// <summary>
    /// Registers <see cref="IHrBridgeApi"/> (Refit) and <see cref="HrBridgeClient"/> on HttpClientFactory with, from the
    /// outside in: a total timeout, retries on 429, 408, 5xx, network errors and attempt timeouts (exponential backoff
    /// with jitter, <c>Retry-After</c> honoured up to <see cref="HrBridgeOptions.MaxRetryAfter"/>), a circuit breaker and
    /// an attempt timeout. POSTs are retried too: the <c>Idempotency-Key</c> makes them safe.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder, to add handlers.</returns>
    public static IHttpClientBuilder AddHrBridgeClient(this IServiceCollection services, Action<HrBridgeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<HrBridgeOptions>().Configure(configure)
            .Validate(o => o.Validate().Count == 0, "Invalid HR bridge options: check BaseAddress, timeouts, retries and page size.");
        services.TryAddTransient<HrBridgeClient>();
        var builder = services.AddRefitGeneratedClient<IHrBridgeApi>()
            .ConfigureHttpClient((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<HrBridgeOptions>>().Value;
                var problems = options.Validate();
                if (problems.Count > 0)
                {
                    throw new OptionsValidationException(nameof(HrBridgeOptions), typeof(HrBridgeOptions), problems);
                }

                var address = options.BaseAddress!.ToString();
                http.BaseAddress = new Uri(address.EndsWith('/') ? address[..^1] : address);
                http.Timeout = Timeout.InfiniteTimeSpan; // The resilience pipeline owns timeouts.
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
                }

                http.DefaultRequestHeaders.UserAgent.ParseAdd("AiLiteracy.Hr/" + (typeof(HrBridgeClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0"));
            });
        builder.AddResilienceHandler(PipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<HrBridgeOptions>>().Value;
            AddPipeline(pipeline, options);
        });
        return builder;
    }

    /// <summary>Registers an <see cref="LrsClient"/> for <paramref name="options"/> on HttpClientFactory with the same resilience pipeline.</summary>
    /// <param name="services">The services.</param>
    /// <param name="options">The LRS.</param>
    /// <param name="resilience">Retry and timeout settings (only the resilience settings are used). Default: the defaults of <see cref="HrBridgeOptions"/>.</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddLrsClient(this IServiceCollection services, LrsOptions options, HrBridgeOptions? resilience = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var settings = resilience ?? new HrBridgeOptions();
        var builder = services.AddHttpClient<LrsClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddTypedClient((http, _) => new LrsClient(http, options));
        builder.AddResilienceHandler("lrs", pipeline => AddPipeline(pipeline, settings));
        return builder;
    }

    private static void AddPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, HrBridgeOptions options)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.MaxRetries),
            ShouldHandle = args => options.MaxRetries == 0 ? PredicateResult.False() : HttpClientResiliencePredicates.IsTransient(args.Outcome)
                ? PredicateResult.True()
                : PredicateResult.False(),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            DelayGenerator = args =>
            {
                // Retry-After wins over the backoff; beyond the limit, do not wait that long: fail the call and let the next run resume.
                if (args.Outcome.Result is { } response && RetryAfter(response) is { } wait)
                {
                    if (wait > options.MaxRetryAfter)
                    {
                        throw new HrBridgeException($"The HR bridge asked to wait {wait.TotalSeconds:0} s (Retry-After), more than the {options.MaxRetryAfter.TotalSeconds:0} s allowed.", (int)response.StatusCode);
                    }

                    return ValueTask.FromResult<TimeSpan?>(wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
                }

                return ValueTask.FromResult<TimeSpan?>(null);
            },
        });
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = options.BreakFailureRatio,
            MinimumThroughput = options.BreakMinimumThroughput,
            SamplingDuration = options.BreakSamplingDuration,
            BreakDuration = options.BreakDuration,
        });
        pipeline.AddTimeout(options.AttemptTimeout);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }
}

/// <summary>The HR bridge contract shipped in the package.</summary>
public static class HrBridgeContract
{
    /// <summary>The logical name of the embedded OpenAPI document.</summary>
    public const string ResourceName = "AiLiteracy.Hr/Bridge/hr-bridge.openapi.json";

    /// <summary>The OpenAPI 3.0 document of the HR bridge, for integrators implementing it.</summary>
    /// <returns>The JSON text.</returns>
    public static string GetOpenApiJson()
    {
        using var stream = typeof(HrBridgeContract).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
