namespace AiLiteracy.Client.Http;

/// <summary>Sends the tenant's API key as the <c>X-Api-Key</c> header of every request.</summary>
public sealed class ApiKeyHandler : DelegatingHandler
{
    /// <summary>The header the server reads the key from.</summary>
    public const string HeaderName = "X-Api-Key";

    private readonly string apiKey;

    /// <summary>Creates the handler.</summary>
    /// <param name="apiKey">The API key.</param>
    public ApiKeyHandler(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        this.apiKey = apiKey;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, apiKey);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Sends an access token from an <see cref="IAccessTokenProvider"/> as <c>Authorization: Bearer</c>; the token is asked
/// for at every attempt, so a retry after expiry gets a fresh one.
/// </summary>
public sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly IAccessTokenProvider tokenProvider;

    /// <summary>Creates the handler.</summary>
    /// <param name="tokenProvider">Gives the tokens.</param>
    public BearerTokenHandler(IAccessTokenProvider tokenProvider)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        this.tokenProvider = tokenProvider;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = await tokenProvider.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new InvalidOperationException("The access token provider returned an empty token.");
        }

        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
