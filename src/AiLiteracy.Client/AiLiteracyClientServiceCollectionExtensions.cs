using AiLiteracy.Client.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace AiLiteracy.Client;

/// <summary>Registers the AI Literacy API client.</summary>
public static class AiLiteracyClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAiLiteracyApi"/> as a typed HTTP client (IHttpClientFactory) with the API-key or bearer
    /// token handler and the retry policy of <see cref="AiLiteracyClientOptions"/>; options are validated when the host
    /// starts. Returns the HTTP client builder to add handlers.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (base address, API key…).</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddAiLiteracyClient(this IServiceCollection services, Action<AiLiteracyClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, services.AddOptions<AiLiteracyClientOptions>().Configure(configure));
    }

    /// <summary>Registers the client with options bound from <paramref name="configuration"/> (usually the <c>AiLiteracy:Client</c> section).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <c>BaseAddress</c>, <c>ApiKey</c>, <c>Language</c>….</param>
    /// <returns>The HTTP client builder.</returns>
    public static IHttpClientBuilder AddAiLiteracyClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, services.AddOptions<AiLiteracyClientOptions>().Bind(configuration));
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, OptionsBuilder<AiLiteracyClientOptions> options)
    {
        options.ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrEmpty(o.ApiKey) || o.AccessTokenProvider is not null || services.Any(d => d.ServiceType == typeof(IAccessTokenProvider)),
                "AiLiteracy:Client: set ApiKey, or AccessTokenProvider, or register an IAccessTokenProvider.")
            .ValidateOnStart();
        var client = services
            .AddRefitGeneratedClient<IAiLiteracyApi>(_ => ClientSettings.Create())
            .ConfigureHttpClient((sp, client) => ClientSettings.ConfigureHttpClient(client, sp.GetRequiredService<IOptions<AiLiteracyClientOptions>>().Value));

        // Outermost: retries; inside it, authentication (a retry asks for a fresh token).
        client.AddResilienceHandler("ailiteracy-client", (builder, context) =>
            ClientResilience.Configure(builder, context.ServiceProvider.GetRequiredService<IOptions<AiLiteracyClientOptions>>().Value));
        return client.AddHttpMessageHandler(sp =>
            {
                var value = sp.GetRequiredService<IOptions<AiLiteracyClientOptions>>().Value;
                if (value.ApiKey is { Length: > 0 } apiKey)
                {
                    return new ApiKeyHandler(apiKey);
                }

                return new BearerTokenHandler(value.AccessTokenProvider ?? sp.GetRequiredService<IAccessTokenProvider>());
            });
    }
}
