using Refit;

namespace AiLiteracy.Client.Http;

/// <summary>The Refit settings of the client: the SDK's JSON conventions and problem details as <see cref="AiLiteracyApiException"/>.</summary>
internal static class ClientSettings
{
    public static RefitSettings Create() => new()
    {
        ContentSerializer = new SystemTextJsonContentSerializer(AiLiteracyJson.Compact),
        UrlParameterFormatter = new ClientUrlParameterFormatter(),
        ExceptionFactory = async response => await AiLiteracyApiException.FromResponseAsync(response).ConfigureAwait(false),
    };

    public static void ConfigureHttpClient(HttpClient client, AiLiteracyClientOptions options)
    {
        client.BaseAddress = options.BaseAddress;
        client.Timeout = Timeout.InfiniteTimeSpan; // attempt timeouts are the resilience pipeline's
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(options.Language);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("AiLiteracy.Client/" + (typeof(ClientSettings).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }
}
