using AiLiteracy.Client.Http;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Refit;

namespace AiLiteracy.Client;

/// <summary>
/// Creates <see cref="IAiLiteracyApi"/> clients outside a dependency-injection container (scripts, tools). In an
/// application, prefer <see cref="AiLiteracyClientServiceCollectionExtensions.AddAiLiteracyClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{AiLiteracyClientOptions})"/>.
/// </summary>
public static class AiLiteracyClient
{
    /// <summary>
    /// Creates a client with the authentication and resilience of <paramref name="options"/>. The client is
    /// thread-safe; create one per server and keep it for the life of the process.
    /// </summary>
    /// <param name="options">The options (validated).</param>
    /// <param name="innerHandler">The handler sending requests; a pooled <see cref="SocketsHttpHandler"/> when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">The options are invalid.</exception>
    public static IAiLiteracyApi Create(AiLiteracyClientOptions options, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        DelegatingHandler authentication = options.ApiKey is { Length: > 0 } apiKey
            ? new ApiKeyHandler(apiKey)
            : new BearerTokenHandler(options.AccessTokenProvider
                ?? throw new System.ComponentModel.DataAnnotations.ValidationException("Set ApiKey or AccessTokenProvider."));
        authentication.InnerHandler = innerHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
        ClientResilience.Configure(pipeline, options);
        var resilience = new ResilienceHandler(pipeline.Build()) { InnerHandler = authentication };

        var client = new HttpClient(resilience);
        ClientSettings.ConfigureHttpClient(client, options);
        return RestService.ForGenerated<IAiLiteracyApi>(client, ClientSettings.Create());
    }

    /// <summary>Creates a client authenticated by an API key.</summary>
    /// <param name="baseAddress">The server's address.</param>
    /// <param name="apiKey">The tenant's API key.</param>
    /// <returns>The client.</returns>
    public static IAiLiteracyApi Create(Uri baseAddress, string apiKey) =>
        Create(new AiLiteracyClientOptions { BaseAddress = baseAddress, ApiKey = apiKey });
}
