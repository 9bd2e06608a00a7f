using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;

namespace AiLiteracy.Hr.Xapi;

/// <summary>Where and how to read statements from a Learning Record Store.</summary>
public sealed record LrsOptions
{
    /// <summary>The xAPI endpoint, e.g. <c>https://lrs.example.fr/xapi/</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The Basic authentication key (user name), when the LRS needs one.</summary>
    public string? Key { get; init; }

    /// <summary>The Basic authentication secret.</summary>
    public string? Secret { get; init; }

    /// <summary>Statements asked per page (<c>limit</c>). Default: 500.</summary>
    public int PageSize { get; init; } = 500;
}

/// <summary>
/// Reads statements from an LRS: <c>GET statements?since=…&amp;ascending=true</c>, then each <c>more</c> link until the
/// last page, with the <c>X-Experience-API-Version</c> header. Register the <see cref="HttpClient"/> with a resilience
/// handler (retries on 429/5xx) — see <see cref="Bridge.HrBridgeServiceCollectionExtensions"/>.
/// </summary>
public sealed class LrsClient
{
    /// <summary>The xAPI version sent.</summary>
    public const string XapiVersion = "1.0.3";

    private readonly HttpClient _http;
    private readonly LrsOptions _options;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client.</param>
    /// <param name="options">The LRS.</param>
    public LrsClient(HttpClient http, LrsOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
        var endpoint = options.Endpoint.ToString();
        Endpoint = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/");
    }

    /// <summary>The xAPI endpoint (ending with <c>/</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>Reads the statements stored after <paramref name="since"/>, oldest first, one page at a time.</summary>
    /// <param name="since">Only statements stored after this time; all when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pages.</returns>
    public async IAsyncEnumerable<XapiStatementResult> GetStatementsAsync(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = new StringBuilder("statements?ascending=true&limit=").Append(_options.PageSize.ToString(CultureInfo.InvariantCulture));
        if (since is { } from)
        {
            query.Append("&since=").Append(Uri.EscapeDataString(from.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)));
        }

        var next = new Uri(Endpoint, query.ToString());
        var pages = 0;
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Add("X-Experience-API-Version", XapiVersion);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (_options.Key is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.Key}:{_options.Secret}")));
            }

            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var page = await response.Content.ReadFromJsonAsync<XapiStatementResult>(cancellationToken).ConfigureAwait(false)
                ?? new XapiStatementResult();
            yield return page;
            if (++pages > 100_000)
            {
                throw new InvalidOperationException("The LRS keeps returning 'more' links: stopped after 100,000 pages.");
            }

            next = string.IsNullOrWhiteSpace(page.More) ? null : new Uri(Endpoint, page.More);
        }
    }
}
