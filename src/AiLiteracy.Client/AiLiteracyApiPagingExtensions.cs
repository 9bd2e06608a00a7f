using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using AiLiteracy.Client.Models;

namespace AiLiteracy.Client;

/// <summary>Enumerates whole lists page by page, following each page's <c>nextLink</c>.</summary>
public static class AiLiteracyApiPagingExtensions
{
    /// <summary>Enumerates every agent matching <paramref name="query"/>, reading the next page only when needed.</summary>
    /// <param name="api">The client.</param>
    /// <param name="query">Filters and page size.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The agents, in employee number order.</returns>
    public static IAsyncEnumerable<AgentView> ListAllAgentsAsync(this IAiLiteracyApi api, AgentListQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        return EnumerateAsync(api, ct => api.ListAgentsAsync(query, ct), cancellationToken);
    }

    /// <summary>Enumerates every completion matching <paramref name="query"/>, in recording order.</summary>
    /// <param name="api">The client.</param>
    /// <param name="query">Filters and page size.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The completions.</returns>
    public static IAsyncEnumerable<CompletionView> ListAllCompletionsAsync(this IAiLiteracyApi api, CompletionListQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        return EnumerateAsync(api, ct => api.ListCompletionsAsync(query, ct), cancellationToken);
    }

    /// <summary>
    /// Reads the page a <c>nextLink</c> points to, through the client's handlers (authentication, retries). A link to
    /// another host than <see cref="HttpClient.BaseAddress"/> is rebased onto it, so credentials never leave the server
    /// they were configured for.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="api">The client.</param>
    /// <param name="nextLink">The link.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page.</returns>
    /// <exception cref="AiLiteracyApiException">The server answered with an error.</exception>
    public static async Task<PagedResponse<T>> GetNextPageAsync<T>(this IAiLiteracyApi api, string nextLink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrWhiteSpace(nextLink);
        var client = api.Client;
        var uri = Resolve(client.BaseAddress, nextLink);
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (await AiLiteracyApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false) is { } error)
        {
            throw error;
        }

        return await response.Content.ReadFromJsonAsync<PagedResponse<T>>(AiLiteracyJson.Compact, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The page at {uri} is empty.");
    }

    internal static Uri Resolve(Uri? baseAddress, string nextLink)
    {
        if (!Uri.TryCreate(nextLink, UriKind.RelativeOrAbsolute, out var link))
        {
            throw new InvalidOperationException($"The server returned an invalid nextLink: '{nextLink}'.");
        }

        if (baseAddress is null)
        {
            return link;
        }

        if (!link.IsAbsoluteUri)
        {
            return new Uri(baseAddress, link);
        }

        return Uri.Compare(link, baseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? link
            : new Uri(baseAddress, link.PathAndQuery);
    }

    private static async IAsyncEnumerable<T> EnumerateAsync<T>(
        IAiLiteracyApi api, Func<CancellationToken, Task<PagedResponse<T>>> first, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = await first(cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (string.IsNullOrEmpty(page.NextLink))
            {
                yield break;
            }

            if (!seen.Add(page.NextLink))
            {
                throw new InvalidOperationException($"The server returned the same nextLink twice ('{page.NextLink}'); paging stopped.");
            }

            page = await api.GetNextPageAsync<T>(page.NextLink, cancellationToken).ConfigureAwait(false);
        }
    }
}
