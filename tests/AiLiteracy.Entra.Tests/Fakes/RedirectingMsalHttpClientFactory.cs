using Microsoft.Identity.Client;

namespace AiLiteracy.Entra.Tests.Fakes;

/// <summary>Gives MSAL an HTTP client that sends every request to the local test server, keeping the path and telling the original host.</summary>
public sealed class RedirectingMsalHttpClientFactory(string baseUrl) : IMsalHttpClientFactory
{
    private readonly HttpClient client = new(new RedirectHandler(new Uri(baseUrl)) { InnerHandler = new SocketsHttpHandler() });

    public HttpClient GetHttpClient() => client;

    private sealed class RedirectHandler(Uri target) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.RequestUri!;
            request.Headers.TryAddWithoutValidation("X-Original-Host", original.Host);
            request.RequestUri = new UriBuilder(original) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
