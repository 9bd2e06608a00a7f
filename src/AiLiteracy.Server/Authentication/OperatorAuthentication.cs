using System.Security.Cryptography;
using System.Text;
using AiLiteracy.Server.Problems;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Authentication;

/// <summary>
/// Authenticates the hosting vendor's back office on the operator endpoints: the <c>X-Operator-Key</c> header, hashed
/// with SHA-256 and compared in constant time with every hash of <see cref="OperatorOptions.KeyHashes"/>. The operator
/// credential is not a tenant credential: it gives no tenant and no role, so it opens no tenant endpoint, and tenant API
/// keys or bearer tokens never open an operator endpoint.
/// </summary>
internal static class OperatorAuthentication
{
    /// <summary>The operator key header.</summary>
    public const string Header = "X-Operator-Key";

    /// <summary>The scheme name in <c>WWW-Authenticate</c> and in the <c>scheme</c> tag of the failure counter.</summary>
    public const string Scheme = "OperatorKey";

    /// <summary>The audit actor of operator requests.</summary>
    public const string Actor = "operator";

    /// <summary>The longest key accepted (longer values are refused before hashing).</summary>
    private const int MaxKeyLength = 512;

    /// <summary>
    /// The endpoint filter of the operator group: 404 while the operator API is off, 401 without a valid operator key
    /// (403 for a caller authenticated as a tenant), otherwise the endpoint.
    /// </summary>
    /// <param name="invocation">The invocation.</param>
    /// <param name="next">The endpoint.</param>
    /// <returns>The endpoint's result or the refusal.</returns>
    public static async ValueTask<object?> RequireOperatorKeyAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<AiLiteracyServerOptions>>().CurrentValue.Operator;
        if (!options.Enabled)
        {
            return Problems.Problems.Create(http, StatusCodes.Status404NotFound, ProblemLanguage.Text(
                http, "Aucune ressource à cette adresse.", "No resource at this address.")).ToResult();
        }

        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            if (http.User.FindFirst(AiLiteracyClaims.Tenant) is not null)
            {
                return Problems.Problems.Create(http, StatusCodes.Status403Forbidden, ProblemLanguage.Text(
                    http,
                    "Opération réservée à l'opérateur d'hébergement (en-tête X-Operator-Key) : une clé d'API ou un jeton de collectivité n'y donne pas accès.",
                    "Operation reserved to the hosting operator (X-Operator-Key header): a tenant's API key or token does not give access to it.")).ToResult();
            }

            return Unauthorized(http);
        }

        var presented = values.Count == 1 ? values[0]?.Trim() : null;
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxKeyLength || !Matches(presented, options.KeyHashes))
        {
            ServerTelemetry.AuthenticationFailures.Add(1, new KeyValuePair<string, object?>("scheme", Scheme));
            return Unauthorized(http);
        }

        return await next(invocation).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the SHA-256 of <paramref name="presentedKey"/> is one of <paramref name="keyHashes"/>. Every hash is
    /// compared in constant time, and all of them are, whichever matches.
    /// </summary>
    /// <param name="presentedKey">The key as presented.</param>
    /// <param name="keyHashes">The configured hashes (hexadecimal, validated at start-up).</param>
    /// <returns><see langword="true"/> when the key is an operator key.</returns>
    internal static bool Matches(string presentedKey, IReadOnlyList<string> keyHashes)
    {
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey), presented);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        var match = false;
        foreach (var hash in keyHashes)
        {
            if (Convert.FromHexString(hash, expected, out _, out var written) != System.Buffers.OperationStatus.Done || written != expected.Length)
            {
                continue;
            }

            match |= CryptographicOperations.FixedTimeEquals(presented, expected);
        }

        return match;
    }

    private static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.Append("WWW-Authenticate", $"{Scheme} header=\"{Header}\"");
        return Problems.Problems.Create(http, StatusCodes.Status401Unauthorized, ProblemLanguage.Text(
            http,
            "Fournissez une clé d'opérateur valide (en-tête X-Operator-Key).",
            "Provide a valid operator key (X-Operator-Key header).")).ToResult();
    }
}
