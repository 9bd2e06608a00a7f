using AiLiteracy.Server.Authentication;
using AiLiteracy.Server.Problems;
using Microsoft.AspNetCore.Http.Extensions;

namespace AiLiteracy.Server.Endpoints;

/// <summary>Small helpers the endpoints share: who acts, which language, the next page link.</summary>
internal static class EndpointContext
{
    /// <summary>The actor for the audit log (<c>apikey:…</c> or <c>user:…</c>), never a name.</summary>
    public static string Actor(this HttpContext context) =>
        context.User.FindFirst(AiLiteracyClaims.Actor)?.Value ?? "unknown";

    /// <summary>The display language: <c>en</c> when Accept-Language asks for English first, <c>fr</c> otherwise.</summary>
    public static string Language(this HttpContext context) => ProblemLanguage.Of(context);

    /// <summary>The absolute URL of the next page: the current URL with <c>continuationToken</c> replaced.</summary>
    public static string? NextLink(this HttpContext context, string? continuationToken)
    {
        if (continuationToken is null)
        {
            return null;
        }

        var request = context.Request;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value);
        var builder = new QueryBuilder();
        foreach (var (key, values) in query)
        {
            if (!string.Equals(key, "continuationToken", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    builder.Add(key, value ?? string.Empty);
                }
            }
        }

        builder.Add("continuationToken", continuationToken);
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, builder.ToQueryString());
    }
}

/// <summary>A page of results with the link to the next page (<c>x-ms-pageable</c> <c>nextLinkName: nextLink</c>).</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">Items of this page.</param>
/// <param name="NextLink">Absolute URL of the next page, absent on the last page.</param>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, string? NextLink);

/// <summary>A list of drop-down items.</summary>
/// <param name="Items">The items.</param>
public sealed record LookupList(IReadOnlyList<AiLiteracy.Services.LookupItem> Items);
