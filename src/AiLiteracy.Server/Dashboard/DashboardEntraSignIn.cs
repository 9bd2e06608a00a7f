using System.Security.Claims;
using System.Text.Json;
using AiLiteracy.Server.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AiLiteracy.Server.Dashboard;

/// <summary>
/// What a dashboard session signed in with Entra ID holds: the organisation, the Entra tenant it was mapped from, the
/// user's object id (the actor) and the known app roles. Never the name or e-mail address (GDPR: only what access
/// control and the audit log need).
/// </summary>
internal sealed record DashboardEntraSession(string TenantId, string EntraTenantId, string ObjectId, IReadOnlyList<string> Roles)
{
    /// <summary>Marks a session cookie holding an Entra ID session (Data Protection output is base64url: never a dot).</summary>
    public const string CookiePrefix = "e.";

    /// <summary>The actor of a dashboard user: <c>dashboard:user:&lt;object id&gt;</c>.</summary>
    public const string ActorPrefix = "dashboard:user:";

    private const string EntraTenantClaim = "tid";
    private const string ObjectIdClaim = "oid";

    /// <summary>The principal of the session: tenant, actor, roles, Entra tenant id and object id.</summary>
    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(AiLiteracyClaims.Tenant, TenantId),
            new(AiLiteracyClaims.Actor, ActorPrefix + ObjectId),
            new(EntraTenantClaim, EntraTenantId),
            new(ObjectIdClaim, ObjectId),
        };
        claims.AddRange(Roles.Select(r => new Claim(AiLiteracyClaims.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, AiLiteracyClaims.Actor, AiLiteracyClaims.Role));
    }

    /// <summary>Reads a session back from a principal made by <see cref="ToPrincipal"/>, or <see langword="null"/>.</summary>
    public static DashboardEntraSession? From(ClaimsPrincipal principal)
    {
        var tenant = principal.FindFirst(AiLiteracyClaims.Tenant)?.Value;
        var tid = principal.FindFirst(EntraTenantClaim)?.Value;
        var oid = principal.FindFirst(ObjectIdClaim)?.Value;
        var roles = principal.FindAll(AiLiteracyClaims.Role).Select(c => c.Value).Where(AiLiteracyRoles.IsKnown).Distinct(StringComparer.Ordinal).ToList();
        return string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(tid) || string.IsNullOrEmpty(oid) || roles.Count == 0
            ? null
            : new DashboardEntraSession(tenant, tid, oid, roles);
    }

    public string ToJson() => JsonSerializer.Serialize(new Payload(TenantId, EntraTenantId, ObjectId, [.. Roles]));

    public static DashboardEntraSession? FromJson(string json)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(json);
            return payload is { T.Length: > 0, Tid.Length: > 0, Oid.Length: > 0, R: { Length: > 0 } roles }
                ? new DashboardEntraSession(payload.T, payload.Tid, payload.Oid, [.. roles.Where(AiLiteracyRoles.IsKnown)])
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Payload(string T, string Tid, string Oid, string[] R);
}

/// <summary>The errors of an Entra ID sign-in shown on the sign-in page (<c>?error=…</c>).</summary>
internal static class DashboardEntraErrors
{
    /// <summary>The user's Entra tenant is mapped to no organisation.</summary>
    public const string UnregisteredTenant = "entra-tenant";

    /// <summary>The ID token carries none of the app roles.</summary>
    public const string NoRole = "entra-role";

    /// <summary>Anything else: cancelled, refused by the provider, invalid response.</summary>
    public const string Failed = "entra";

    /// <summary>The message of an error code, or <see langword="null"/> for an unknown code (never echoed).</summary>
    public static string? Message(DashboardContext c, string? code) => code switch
    {
        UnregisteredTenant => c.T(
            "Votre organisation Microsoft Entra ID n'est rattachée à aucune collectivité sur ce serveur : demandez à votre administrateur de l'enregistrer. Aucune session n'a été ouverte.",
            "Your Microsoft Entra ID organisation is not connected to any authority on this server: ask your administrator to register it. No session was opened."),
        NoRole => c.T(
            "Votre compte n'a aucun rôle pour ce tableau de bord (AiLiteracy.Read, AiLiteracy.Write ou AiLiteracy.Admin) : demandez à votre administrateur de vous en attribuer un. Aucune session n'a été ouverte.",
            "Your account has no role for this dashboard (AiLiteracy.Read, AiLiteracy.Write or AiLiteracy.Admin): ask your administrator to assign you one. No session was opened."),
        Failed => c.T(
            "La connexion avec Microsoft Entra ID a échoué ou a été annulée. Réessayez, ou connectez-vous avec une clé d'API.",
            "Signing in with Microsoft Entra ID failed or was cancelled. Try again, or sign in with an API key."),
        _ => null,
    };
}

/// <summary>
/// Validates <c>AiLiteracy:Dashboard:Entra</c> at start-up when Entra ID sign-in is on: the authority and metadata
/// addresses (HTTPS, or HTTP on a loopback host) and the callback path, each failure naming its setting.
/// </summary>
internal sealed class DashboardEntraOptionsValidator : IValidateOptions<DashboardOptions>
{
    private readonly IOptions<AiLiteracyServerOptions> serverOptions;

    public DashboardEntraOptionsValidator(IOptions<AiLiteracyServerOptions> serverOptions) => this.serverOptions = serverOptions;

    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var entra = options.Entra;
        if (entra is null)
        {
            return ValidateOptionsResult.Fail($"{DashboardEntraOptions.SectionName} must not be null.");
        }

        if (!entra.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        const string Example = " (for example https://login.microsoftonline.com/ or https://login.sovcloud-identity.fr/); plain http is accepted only for a loopback host";
        if (entra.ClientId!.Trim() != entra.ClientId || entra.ClientId.Length > 200)
        {
            failures.Add($"{DashboardEntraOptions.SectionName}:ClientId must be the application (client) id of the app registration, without spaces.");
        }

        if (string.IsNullOrWhiteSpace(entra.Instance))
        {
            if (!IsAuthorityUrl(serverOptions.Value.Entra.Instance))
            {
                failures.Add($"{AiLiteracyServerOptions.SectionName}:Entra:Instance, used by the dashboard's Entra ID sign-in while {DashboardEntraOptions.SectionName}:Instance is not set, must be an absolute https URL{Example}.");
            }
        }
        else if (!IsAuthorityUrl(entra.Instance))
        {
            failures.Add($"{DashboardEntraOptions.SectionName}:Instance must be an absolute https URL{Example}.");
        }

        if (entra.MetadataAddress is not null && !IsAuthorityUrl(entra.MetadataAddress))
        {
            failures.Add($"{DashboardEntraOptions.SectionName}:MetadataAddress must be an absolute https URL of an OpenID Connect metadata document; plain http is accepted only for a loopback host.");
        }

        var callback = entra.CallbackPath;
        if (string.IsNullOrEmpty(callback) || callback.Length < 2 || callback[0] != '/' || callback.StartsWith("//", StringComparison.Ordinal)
            || callback.IndexOfAny(['?', '#', '\\', ' ']) >= 0 || DashboardRoutes.IsApi(callback) || IsDashboardPage(callback))
        {
            failures.Add($"{DashboardEntraOptions.SectionName}:CallbackPath must be a path starting with '/' (default /signin-oidc), outside /api and the dashboard's own pages, registered as redirect URI of the app registration.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>An absolute https URL without query nor fragment, or an http one on a loopback host (development, tests).</summary>
    internal static bool IsAuthorityUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);

    private static bool IsDashboardPage(string path) =>
        path is DashboardRoutes.Overview or DashboardRoutes.Expiring or DashboardRoutes.Plan or DashboardRoutes.Referents
            or DashboardRoutes.SignIn or DashboardRoutes.SignOut or DashboardRoutes.EntraSignIn or DashboardRoutes.Stylesheet
        || path.StartsWith(DashboardRoutes.Exports, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Configures the dashboard's OpenID Connect scheme: authorization code flow with PKCE, query response mode, scopes
/// <c>openid profile</c> (Entra ID issues <c>oid</c> only with <c>profile</c>), no tokens kept, issuer validated against
/// the token's own <c>tid</c> (<see cref="EntraIssuerValidator"/>, like the bearer scheme), then the <c>tid</c> mapped
/// to an organisation (<see cref="EntraTenantMapping"/>) and the app roles checked; the dashboard session is written by
/// the dashboard scheme. No remote sign-out endpoints: signing out is local.
/// </summary>
internal sealed partial class DashboardEntraSetup : IConfigureNamedOptions<OpenIdConnectOptions>
{
    /// <summary>The item of the authentication properties carrying the page language through the round trip.</summary>
    public const string LanguageItem = "ailiteracy.lang";

    private readonly IOptions<DashboardOptions> dashboardOptions;
    private readonly IOptions<AiLiteracyServerOptions> serverOptions;

    public DashboardEntraSetup(IOptions<DashboardOptions> dashboardOptions, IOptions<AiLiteracyServerOptions> serverOptions)
    {
        this.dashboardOptions = dashboardOptions;
        this.serverOptions = serverOptions;
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (!string.Equals(name, DashboardAuthentication.EntraScheme, StringComparison.Ordinal))
        {
            return;
        }

        var entra = dashboardOptions.Value.Entra;
        var effective = entra.Effective(serverOptions.Value.Entra);
        options.ClientId = entra.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(entra.ClientSecret) ? null : entra.ClientSecret;
        options.MetadataAddress = effective.EffectiveMetadataAddress();
        // Validated: anything but https is a loopback address (development, tests).
        options.RequireHttpsMetadata = options.MetadataAddress.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        options.CallbackPath = entra.CallbackPath;
        options.SignInScheme = DashboardAuthentication.Scheme;
        options.SignOutScheme = DashboardAuthentication.Scheme;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("profile");
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.UseTokenLifetime = false;
        options.DisableTelemetry = true;
        options.RemoteSignOutPath = PathString.Empty;
        options.SignedOutCallbackPath = PathString.Empty;

        // The response comes back as a top-level GET navigation (query response mode): SameSite=Lax cookies reach it,
        // and they are Secure except over plain HTTP on a loopback address, like the session cookie.
        PathString CallbackPath() => options.CallbackPath;
        options.CorrelationCookie = new DashboardRemoteCookieBuilder(CallbackPath) { Name = ".AspNetCore.Correlation.", Expiration = options.RemoteAuthenticationTimeout };
        options.NonceCookie = new DashboardRemoteCookieBuilder(CallbackPath) { Name = OpenIdConnectDefaults.CookieNoncePrefix, Expiration = options.ProtocolValidator.NonceLifetime };

        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = true,
            ValidAudience = entra.ClientId,
            ValidateIssuer = true,
            IssuerValidator = new EntraIssuerValidator(effective.EffectiveIssuerTemplates()).Validate,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = effective.ClockSkew,
            ValidateIssuerSigningKey = true,
            NameClaimType = "oid",
            RoleClaimType = AiLiteracyClaims.Role,
        };
        options.Events = new OpenIdConnectEvents
        {
            OnRedirectToIdentityProvider = context =>
            {
                context.ProtocolMessage.UiLocales = Language(context.HttpContext, context.Properties);
                return Task.CompletedTask;
            },
            OnTokenValidated = TokenValidatedAsync,
            OnTicketReceived = TicketReceivedAsync,
            OnRemoteFailure = RemoteFailureAsync,
        };
    }

    /// <summary>Maps the <c>tid</c> to an organisation and keeps the known roles; refuses with the sign-in page otherwise.</summary>
    private static async Task TokenValidatedAsync(TokenValidatedContext context)
    {
        var http = context.HttpContext;
        var principal = context.Principal!;
        var mapping = await EntraTenantMapping.ResolveAsync(principal, http.RequestServices, http.RequestAborted).ConfigureAwait(false);
        var oid = principal.FindFirst("oid")?.Value;
        var roles = principal.FindAll(AiLiteracyClaims.Role).Select(c => c.Value).Where(AiLiteracyRoles.IsKnown).Distinct(StringComparer.Ordinal).ToList();
        var error = mapping.EntraTenantId is null || string.IsNullOrEmpty(oid) ? DashboardEntraErrors.Failed
            : mapping.TenantId is null ? DashboardEntraErrors.UnregisteredTenant
            : roles.Count == 0 ? DashboardEntraErrors.NoRole
            : null;
        if (error is not null)
        {
            LogRefused(Logger(http), error, mapping.EntraTenantId ?? "-");
            ServerTelemetry.AuthenticationFailures.Add(1, new KeyValuePair<string, object?>("scheme", DashboardAuthentication.EntraScheme));
            RedirectToSignIn(http, context.Properties, error);
            context.HandleResponse();
            return;
        }

        // Only what the session needs: the name, e-mail and every other claim of the ID token are dropped here.
        context.Principal = new DashboardEntraSession(mapping.TenantId!, mapping.EntraTenantId!, oid!, roles).ToPrincipal(DashboardAuthentication.EntraScheme);
    }

    /// <summary>
    /// Signs in with the dashboard scheme, then answers with a page that moves on to the asked page itself: the SameSite=Strict
    /// session cookie is not sent on a redirect chain started by the identity provider's site, but is on a navigation
    /// started by this site's own page.
    /// </summary>
    private static async Task TicketReceivedAsync(TicketReceivedContext context)
    {
        var http = context.HttpContext;
        await http.SignInAsync(DashboardAuthentication.Scheme, context.Principal!, context.Properties).ConfigureAwait(false);
        var language = Language(http, context.Properties);
        var target = DashboardEndpointRouteBuilderExtensions.SafeReturnUrl(context.ReturnUri)
            ?? http.Request.PathBase + DashboardRoutes.Overview + (language == "en" ? "?lang=en" : string.Empty);
        var page = new DashboardContext(language, Reports.ReportFilter.None, DashboardRoutes.SignIn, http.Request.PathBase.Value);
        await DashboardEndpointRouteBuilderExtensions.Page(http, DashboardPages.Continue(page, target), StatusCodes.Status200OK, null).ExecuteAsync(http).ConfigureAwait(false);
        context.HandleResponse();
    }

    private static Task RemoteFailureAsync(RemoteFailureContext context)
    {
        var http = context.HttpContext;
        LogFailed(Logger(http), context.Failure?.Message ?? "unknown");
        ServerTelemetry.AuthenticationFailures.Add(1, new KeyValuePair<string, object?>("scheme", DashboardAuthentication.EntraScheme));
        RedirectToSignIn(http, context.Properties, DashboardEntraErrors.Failed);
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private static void RedirectToSignIn(HttpContext http, AuthenticationProperties? properties, string error)
    {
        var returnUrl = DashboardEndpointRouteBuilderExtensions.SafeReturnUrl(properties?.RedirectUri);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Redirect(http.Request.PathBase + DashboardRoutes.SignIn + "?error=" + error + "&lang=" + Language(http, properties)
            + (returnUrl is null ? string.Empty : "&returnUrl=" + Uri.EscapeDataString(returnUrl)));
    }

    private static string Language(HttpContext http, AuthenticationProperties? properties) =>
        properties is not null && properties.Items.TryGetValue(LanguageItem, out var language) && language is "fr" or "en"
            ? language!
            : DashboardContext.From(http).Language;

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<DashboardEntraSetup>();

    [LoggerMessage(EventId = 2210, Level = LogLevel.Warning, Message = "Dashboard sign-in with Entra ID refused ({Reason}) for Entra tenant {EntraTenantId}")]
    private static partial void LogRefused(ILogger logger, string reason, string entraTenantId);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Warning, Message = "Dashboard sign-in with Entra ID failed: {Failure}")]
    private static partial void LogFailed(ILogger logger, string failure);
}

/// <summary>
/// The correlation and nonce cookies of the Entra ID round trip: HttpOnly, SameSite=Lax (the response is a top-level GET),
/// Secure except over plain HTTP on a loopback address, scoped to the callback path.
/// </summary>
internal sealed class DashboardRemoteCookieBuilder : CookieBuilder
{
    private readonly Func<PathString> callbackPath;

    public DashboardRemoteCookieBuilder(Func<PathString> callbackPath)
    {
        this.callbackPath = callbackPath;
        HttpOnly = true;
        SameSite = SameSiteMode.Lax;
        IsEssential = true;
    }

    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = DashboardAuthentication.SecureCookies(context.Request);
        options.Path = (context.Request.PathBase + callbackPath()).Value;
        return options;
    }
}
