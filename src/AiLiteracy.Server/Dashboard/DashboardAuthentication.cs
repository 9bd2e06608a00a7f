using System.Security.Claims;
using System.Text.Encodings.Web;
using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Dashboard;

/// <summary>Names of the dashboard's authentication scheme, policy and cookies.</summary>
public static class DashboardAuthentication
{
    /// <summary>The authentication scheme reading the dashboard session cookie.</summary>
    public const string Scheme = "Dashboard";

    /// <summary>
    /// The OpenID Connect scheme of the dashboard's sign-in with Microsoft Entra ID (registered only when
    /// <c>AiLiteracy:Dashboard:Entra:ClientId</c> is set); it signs in with <see cref="Scheme"/>.
    /// </summary>
    public const string EntraScheme = "DashboardEntra";

    /// <summary>The authorization policy of the dashboard pages: a tenant and any API role, through the session cookie.</summary>
    public const string Policy = "AiLiteracy.Dashboard";

    /// <summary>The session cookie: the API key the user signed in with (or, after an Entra ID sign-in, the tenant, the Entra tenant, the user's object id and roles), encrypted and time-limited by ASP.NET Core Data Protection; HttpOnly, SameSite=Strict, Secure except over plain HTTP on a loopback address.</summary>
    public const string SessionCookie = "ailiteracy-dashboard";

    /// <summary>The language cookie (<c>fr</c> or <c>en</c>).</summary>
    public const string LanguageCookie = "ailiteracy-lang";

    /// <summary>Whether a request may carry a Secure cookie: HTTPS, or any host but a loopback one (behind a TLS proxy).</summary>
    /// <param name="request">The request.</param>
    /// <returns><see langword="false"/> only for plain HTTP to localhost or a loopback address (local development and tests).</returns>
    internal static bool SecureCookies(HttpRequest request)
    {
        if (request.IsHttps)
        {
            return true;
        }

        var host = request.Host.Host;
        return !(string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address)));
    }

    /// <summary>The options of the session cookie (writing it, with <paramref name="maxAge"/>, or deleting it).</summary>
    internal static CookieOptions SessionCookieOptions(HttpRequest request, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = SecureCookies(request),
        SameSite = SameSiteMode.Strict,
        Path = string.IsNullOrEmpty(request.PathBase) ? "/" : request.PathBase.Value,
        MaxAge = maxAge,
        IsEssential = true,
    };
}

/// <summary>Encrypts the API key (or the Entra ID session) of a dashboard session into its cookie value, and back, with an expiry.</summary>
public sealed class DashboardSessionProtector
{
    private readonly ITimeLimitedDataProtector protector;
    private readonly ITimeLimitedDataProtector entraProtector;
    private readonly IOptionsMonitor<DashboardOptions> options;

    /// <summary>Creates the protector.</summary>
    /// <param name="provider">The data protection provider (keys shared by every instance of a deployment).</param>
    /// <param name="options">The dashboard options.</param>
    public DashboardSessionProtector(IDataProtectionProvider provider, IOptionsMonitor<DashboardOptions> options)
    {
        ArgumentNullException.ThrowIfNull(provider);
        protector = provider.CreateProtector("AiLiteracy.Dashboard.Session.v1").ToTimeLimitedDataProtector();
        entraProtector = provider.CreateProtector("AiLiteracy.Dashboard.EntraSession.v1").ToTimeLimitedDataProtector();
        this.options = options;
    }

    /// <summary>The session lifetime in force.</summary>
    public TimeSpan Lifetime => options.CurrentValue.SessionLifetime;

    /// <summary>Protects an API key for the session cookie.</summary>
    /// <param name="apiKey">The plaintext API key.</param>
    /// <returns>The cookie value.</returns>
    public string Protect(string apiKey) => protector.Protect(apiKey, Lifetime);

    /// <summary>Reads the API key back from a cookie value.</summary>
    /// <param name="cookie">The cookie value.</param>
    /// <returns>The API key, or <see langword="null"/> when the value is forged, from another deployment or expired.</returns>
    public string? Unprotect(string cookie)
    {
        try
        {
            return protector.Unprotect(cookie, out _);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Protects an Entra ID session for the session cookie (prefixed with <see cref="DashboardEntraSession.CookiePrefix"/>).</summary>
    internal string ProtectEntra(DashboardEntraSession session) => DashboardEntraSession.CookiePrefix + entraProtector.Protect(session.ToJson(), Lifetime);

    /// <summary>Reads an Entra ID session back from a cookie value, or <see langword="null"/> when forged, from another deployment or expired.</summary>
    internal DashboardEntraSession? UnprotectEntra(string cookie)
    {
        if (!cookie.StartsWith(DashboardEntraSession.CookiePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return DashboardEntraSession.FromJson(entraProtector.Unprotect(cookie[DashboardEntraSession.CookiePrefix.Length..], out _));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>
/// Authenticates dashboard requests by their session cookie: the API key inside is verified against the key store on
/// each request (through <see cref="ApiKeyCache"/>), so a revoked key ends its dashboard sessions; an Entra ID session's
/// Entra tenant must still be mapped to its organisation (through <see cref="EntraTenantCache"/>) and Entra ID sign-in
/// still be on. Challenges redirect to the sign-in page. Signing in (from the Entra ID scheme) writes an Entra ID
/// session; signing out deletes the cookie (a local sign-out: the Entra ID session of the browser is left alone).
/// </summary>
public sealed class DashboardAuthenticationHandler : SignInAuthenticationHandler<AuthenticationSchemeOptions>
{
    private readonly DashboardSessionProtector sessions;
    private readonly ApiKeyCache cache;
    private readonly IOptionsMonitor<AiLiteracyServerOptions> serverOptions;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Scheme options.</param>
    /// <param name="logger">Logger factory.</param>
    /// <param name="encoder">URL encoder.</param>
    /// <param name="sessions">The session protector.</param>
    /// <param name="cache">The verified-key cache.</param>
    /// <param name="serverOptions">Server options (API keys enabled).</param>
    public DashboardAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        DashboardSessionProtector sessions,
        ApiKeyCache cache,
        IOptionsMonitor<AiLiteracyServerOptions> serverOptions)
        : base(options, logger, encoder)
    {
        this.sessions = sessions;
        this.cache = cache;
        this.serverOptions = serverOptions;
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(DashboardAuthentication.SessionCookie, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return AuthenticateResult.NoResult();
        }

        if (cookie.StartsWith(DashboardEntraSession.CookiePrefix, StringComparison.Ordinal))
        {
            return await AuthenticateEntraAsync(cookie).ConfigureAwait(false);
        }

        if (!serverOptions.CurrentValue.ApiKeys.Enabled)
        {
            return AuthenticateResult.Fail("API keys are disabled.");
        }

        var apiKey = cookie.Length > 4096 ? null : sessions.Unprotect(cookie);
        if (apiKey is null)
        {
            return AuthenticateResult.Fail("Invalid or expired dashboard session.");
        }

        var key = await cache.GetOrVerifyAsync(apiKey, Context.RequestServices.GetRequiredService<IApiKeyStore>(), Context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var claims = new List<Claim>
        {
            new(AiLiteracyClaims.Tenant, key.TenantId),
            new(AiLiteracyClaims.Actor, "dashboard:apikey:" + key.KeyId),
        };
        claims.AddRange(key.Roles.Where(AiLiteracyRoles.IsKnown).Select(r => new Claim(AiLiteracyClaims.Role, r)));
        var identity = new ClaimsIdentity(claims, Scheme.Name, AiLiteracyClaims.Actor, AiLiteracyClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private async Task<AuthenticateResult> AuthenticateEntraAsync(string cookie)
    {
        if (!Context.RequestServices.GetRequiredService<IOptionsMonitor<DashboardOptions>>().CurrentValue.Entra.Enabled)
        {
            return AuthenticateResult.Fail("Entra ID sign-in is off.");
        }

        var session = cookie.Length > 4096 ? null : sessions.UnprotectEntra(cookie);
        if (session is null)
        {
            return AuthenticateResult.Fail("Invalid or expired dashboard session.");
        }

        var tenantId = await EntraTenantMapping.FindTenantAsync(session.EntraTenantId, Context.RequestServices, Context.RequestAborted).ConfigureAwait(false);
        if (!string.Equals(tenantId, session.TenantId, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("The session's Entra tenant is no longer mapped to its organisation.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(session.ToPrincipal(Scheme.Name), Scheme.Name));
    }

    /// <inheritdoc />
    protected override Task HandleSignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties)
    {
        ArgumentNullException.ThrowIfNull(user);
        var session = DashboardEntraSession.From(user)
            ?? throw new InvalidOperationException("Only an Entra ID dashboard principal (tenant, tid, oid and a known role) can be signed in; API-key sessions are opened by the sign-in form.");
        Response.Cookies.Append(DashboardAuthentication.SessionCookie, sessions.ProtectEntra(session), DashboardAuthentication.SessionCookieOptions(Request, sessions.Lifetime));
        Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task HandleSignOutAsync(AuthenticationProperties? properties)
    {
        Response.Cookies.Delete(DashboardAuthentication.SessionCookie, DashboardAuthentication.SessionCookieOptions(Request, null));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method))
        {
            var returnUrl = Request.PathBase + Request.Path + Request.QueryString;
            Response.Redirect(Request.PathBase + DashboardRoutes.SignIn + "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        }
        else
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
        }

        return Task.CompletedTask;
    }
}
