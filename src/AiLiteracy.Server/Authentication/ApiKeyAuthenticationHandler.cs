using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using AiLiteracy.Ports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Authentication;

/// <summary>Authenticates a request by its <c>X-Api-Key</c> header against the hashed keys of <see cref="IApiKeyStore"/>.</summary>
public sealed class ApiKeyAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    private readonly ApiKeyCache cache;
    private readonly IOptionsMonitor<AiLiteracyServerOptions> serverOptions;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Scheme options.</param>
    /// <param name="logger">Logger factory.</param>
    /// <param name="encoder">URL encoder.</param>
    /// <param name="cache">The verified-key cache.</param>
    /// <param name="serverOptions">Server options.</param>
    public ApiKeyAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        ApiKeyCache cache,
        IOptionsMonitor<AiLiteracyServerOptions> serverOptions)
        : base(options, logger, encoder)
    {
        this.cache = cache;
        this.serverOptions = serverOptions;
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AiLiteracyClaims.ApiKeyHeader, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (!serverOptions.CurrentValue.ApiKeys.Enabled)
        {
            return AuthenticateResult.Fail("API keys are disabled.");
        }

        var presented = values.Count == 1 ? values[0]?.Trim() : null;
        if (string.IsNullOrEmpty(presented) || presented.Length > 512)
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        var key = await cache.GetOrVerifyAsync(presented, Context.RequestServices.GetRequiredService<IApiKeyStore>(), Context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            ServerTelemetry.AuthenticationFailures.Add(1, new KeyValuePair<string, object?>("scheme", AiLiteracyClaims.ApiKeyScheme));
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var claims = new List<Claim>
        {
            new(AiLiteracyClaims.Tenant, key.TenantId),
            new(AiLiteracyClaims.Actor, "apikey:" + key.KeyId),
        };
        claims.AddRange(key.Roles.Where(AiLiteracyRoles.IsKnown).Select(r => new Claim(AiLiteracyClaims.Role, r)));
        var identity = new ClaimsIdentity(claims, Scheme.Name, AiLiteracyClaims.Actor, AiLiteracyClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", $"{AiLiteracyClaims.ApiKeyScheme} header=\"{AiLiteracyClaims.ApiKeyHeader}\"");
        return Task.CompletedTask;
    }
}

/// <summary>
/// Caches verified API keys for <see cref="ApiKeyOptions.CacheDuration"/>, keyed by a SHA-256 of the presented key (the
/// plaintext is never kept), so that hot paths do not hit the store on every request.
/// </summary>
public sealed class ApiKeyCache
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, (ApiKeyInfo Key, DateTimeOffset ExpiresAt)> entries = new(StringComparer.Ordinal);
    private readonly TimeProvider timeProvider;
    private readonly IOptionsMonitor<AiLiteracyServerOptions> options;

    /// <summary>Creates the cache.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">Server options.</param>
    public ApiKeyCache(TimeProvider timeProvider, IOptionsMonitor<AiLiteracyServerOptions> options)
    {
        this.timeProvider = timeProvider;
        this.options = options;
    }

    /// <summary>Returns the cached key or verifies it against <paramref name="store"/>.</summary>
    /// <param name="presentedKey">The key as presented.</param>
    /// <param name="store">The key store.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The key, or <see langword="null"/> when invalid.</returns>
    public async Task<ApiKeyInfo?> GetOrVerifyAsync(string presentedKey, IApiKeyStore store, CancellationToken cancellationToken = default)
    {
        var duration = options.CurrentValue.ApiKeys.CacheDuration;
        var now = timeProvider.GetUtcNow();
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey)));
        if (duration > TimeSpan.Zero && entries.TryGetValue(fingerprint, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Key;
        }

        var key = await store.VerifyAsync(presentedKey, cancellationToken).ConfigureAwait(false);
        if (key is null || key.IsRevoked)
        {
            entries.TryRemove(fingerprint, out _);
            return null;
        }

        if (duration > TimeSpan.Zero)
        {
            if (entries.Count >= MaxEntries)
            {
                entries.Clear();
            }

            entries[fingerprint] = (key, now + duration);
        }

        return key;
    }

    /// <summary>Forgets every cached key of a key id (after a revocation in this instance).</summary>
    /// <param name="keyId">The revoked key id.</param>
    public void Invalidate(string keyId)
    {
        foreach (var pair in entries)
        {
            if (string.Equals(pair.Value.Key.KeyId, keyId, StringComparison.Ordinal))
            {
                entries.TryRemove(pair.Key, out _);
            }
        }
    }
}
