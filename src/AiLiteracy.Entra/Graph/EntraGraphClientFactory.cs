using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;

namespace AiLiteracy.Entra.Graph;

/// <summary>
/// Builds the <see cref="GraphServiceClient"/> of the adapter: Graph's default middleware (without its retry handler,
/// replaced by a counting, <see cref="TimeProvider"/>-driven one), the configured base URL (sovereign clouds, local
/// test servers) and a bearer token provider.
/// </summary>
public static class EntraGraphClientFactory
{
    /// <summary>Creates a Graph client.</summary>
    /// <param name="options">The connection options (Graph base URL).</param>
    /// <param name="tokenProvider">The token provider.</param>
    /// <param name="syncOptions">Retry settings.</param>
    /// <param name="counter">Counts the requests sent.</param>
    /// <param name="timeProvider">The clock used for waits.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="primaryHandler">The innermost HTTP handler; a platform default when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    public static GraphServiceClient Create(
        EntraOptions options,
        IAccessTokenProvider tokenProvider,
        EntraGroupSyncOptions syncOptions,
        GraphRequestCounter counter,
        TimeProvider timeProvider,
        ILogger logger,
        HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        ArgumentNullException.ThrowIfNull(syncOptions);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => h is not RetryHandler).ToList();
        handlers.Add(new GraphResilienceHandler(counter, syncOptions, timeProvider, logger));
        var httpClient = GraphClientFactory.Create(handlers, finalHandler: primaryHandler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        });
        httpClient.Timeout = TimeSpan.FromMinutes(2);
        var baseUrl = options.GraphBaseUri.ToString().TrimEnd('/');
        httpClient.BaseAddress = new Uri(baseUrl + "/");
        return new GraphServiceClient(httpClient, new BaseBearerTokenAuthenticationProvider(tokenProvider), baseUrl);
    }
}
