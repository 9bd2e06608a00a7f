using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiLiteracy.Ports;
using AiLiteracy.Reports;
using AiLiteracy.Reports.Export;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Dashboard;

/// <summary>Maps the dashboard: pages at <c>/</c>, report downloads, sign-in and sign-out, the stylesheet.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// Maps the dashboard (requires <see cref="DashboardServiceCollectionExtensions.AddAiLiteracyDashboard"/>): overview
    /// (<c>/</c>), expiring modules, training plan and referents pages, report downloads under <c>/exports</c>, the sign-in
    /// page (and, when Entra ID sign-in is on, <c>/sign-in/entra</c>, which starts it) and the stylesheet. Pages need a
    /// dashboard session; they are left out of the OpenAPI document.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The group of the dashboard's endpoints.</returns>
    public static RouteGroupBuilder MapAiLiteracyDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var dashboard = endpoints.MapGroup(string.Empty).ExcludeFromDescription();

        dashboard.MapGet(DashboardRoutes.Overview, (HttpContext http, AuthorityReportService reports, CancellationToken ct) =>
            PageAsync(http, reports, "Vue d'ensemble", "Overview", (c, s) => DashboardPages.Overview(c, s, s.Coverage(c.Filter, c.Language)), ct))
            .RequireAuthorization(DashboardAuthentication.Policy);
        dashboard.MapGet(DashboardRoutes.Expiring, (HttpContext http, AuthorityReportService reports, IOptionsMonitor<DashboardOptions> options, CancellationToken ct) =>
            PageAsync(http, reports, "Modules expirant bientôt", "Modules expiring soon", (c, s) => DashboardPages.Expiring(c, s.ExpiringModules(c.Filter), s.Labels, options.CurrentValue.MaxTableRows), ct))
            .RequireAuthorization(DashboardAuthentication.Policy);
        dashboard.MapGet(DashboardRoutes.Plan, (HttpContext http, AuthorityReportService reports, CancellationToken ct) =>
            PageAsync(http, reports, "Plan de formation", "Training plan", (c, s) => DashboardPages.Plan(c, s.TrainingPlan(c.Filter, reports.CostOptions)), ct))
            .RequireAuthorization(DashboardAuthentication.Policy);
        dashboard.MapGet(DashboardRoutes.Referents, (HttpContext http, AuthorityReportService reports, CancellationToken ct) =>
            PageAsync(http, reports, "Référents IA par direction", "AI referents per directorate", (c, s) => DashboardPages.Referents(c, s.TrainingPlan(c.Filter, reports.CostOptions)), ct))
            .RequireAuthorization(DashboardAuthentication.Policy);
        dashboard.MapGet(DashboardRoutes.Exports + "/{report}", ExportAsync).RequireAuthorization(DashboardAuthentication.Policy);

        dashboard.MapGet(DashboardRoutes.SignIn, SignInPageAsync).AllowAnonymous();
        dashboard.MapPost(DashboardRoutes.SignIn, SignInAsync).AllowAnonymous();
        dashboard.MapGet(DashboardRoutes.EntraSignIn, EntraSignInAsync).AllowAnonymous();
        dashboard.MapPost(DashboardRoutes.SignOut, (Delegate)SignOutAsync).AllowAnonymous();
        dashboard.MapGet(DashboardRoutes.Stylesheet, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Text(DashboardStyles.Css, "text/css; charset=utf-8");
        }).AllowAnonymous();
        return dashboard;
    }

    private static async Task<IResult> PageAsync(
        HttpContext http, AuthorityReportService reports, string titleFr, string titleEn, Func<DashboardContext, ReportSnapshot, string> render, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var context = DashboardContext.From(http);
        RememberLanguage(http);
        var snapshot = await reports.GetSnapshotAsync(cancellationToken).ConfigureAwait(false);
        string body;
        string? error = null;
        var status = StatusCodes.Status200OK;
        try
        {
            body = render(context, snapshot);
        }
        catch (InputValidationException ex)
        {
            error = string.Join(" ", ex.Errors.Select(e => e.Message.Get(context.Language)));
            context = new DashboardContext(context.Language, ReportFilter.None, context.Path, context.PathBase);
            body = render(context, snapshot);
            status = StatusCodes.Status400BadRequest;
        }

        var html = DashboardPages.Layout(context, snapshot, context.T(titleFr, titleEn), body, error);
        return Page(http, html, status, started);
    }

    private static async Task ExportAsync(HttpContext http, string report, AuthorityReportService reports, CancellationToken cancellationToken)
    {
        var context = DashboardContext.From(http);
        var format = ReportExporter.Parse(http.Request.Query["format"].ToString()) ?? ReportFormat.Xlsx;
        var table = http.Request.Query["table"].ToString() is { Length: > 0 } t ? t : null;
        ReportDocument document;
        object payload;
        string? organizationId = null;
        try
        {
            switch (report)
            {
                case "coverage":
                    var coverage = await reports.GetCoverageAsync(context.Filter, context.Language, cancellationToken).ConfigureAwait(false);
                    (document, payload) = (ReportDocuments.Coverage(coverage, context.Language), coverage);
                    break;
                case "training-plan":
                    var plan = await reports.GetTrainingPlanAsync(context.Filter, cancellationToken).ConfigureAwait(false);
                    (document, payload) = (ReportDocuments.TrainingPlan(plan, context.Language), plan);
                    break;
                case "expiring-modules":
                    var snapshot = await reports.GetSnapshotAsync(SnapshotStaleness.Aged, cancellationToken).ConfigureAwait(false);
                    var expiring = snapshot.ExpiringModules(context.Filter);
                    (document, payload) = (ReportDocuments.ExpiringModules(expiring, snapshot.Organization.Name, snapshot.Labels, context.Language), expiring);
                    organizationId = snapshot.Organization.Id;
                    break;
                case "literacy-register":
                    var register = await reports.GetLiteracyRegisterAsync(context.Filter, cancellationToken).ConfigureAwait(false);
                    (document, payload) = (ReportDocuments.LiteracyRegister(register, context.Language), register);
                    organizationId = register.Register.OrganizationId;
                    break;
                default:
                    await PlainAsync(http, StatusCodes.Status404NotFound, context.T("Rapport inconnu.", "Unknown report.")).ConfigureAwait(false);
                    return;
            }
        }
        catch (InputValidationException ex)
        {
            await PlainAsync(http, StatusCodes.Status400BadRequest, string.Join(" ", ex.Errors.Select(e => e.Message.Get(context.Language)))).ConfigureAwait(false);
            return;
        }

        if (format == ReportFormat.Html && payload is not LiteracyRegisterReport)
        {
            format = ReportFormat.Xlsx;
        }

        if (table is not null && document.Find(table) is null)
        {
            await PlainAsync(http, StatusCodes.Status400BadRequest, context.T("Tableau inconnu : ", "Unknown table: ") + string.Join(", ", document.Tables.Select(x => x.Key))).ConfigureAwait(false);
            return;
        }

        var fileName = document.FileName(ReportExporter.Extension(format), organizationId);
        http.Response.ContentType = ReportExporter.ContentType(format);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentDisposition = (format == ReportFormat.Html ? "inline" : "attachment") + "; filename=\"" + fileName + "\"";
        if (format == ReportFormat.Html)
        {
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        }

        await ReportExporter.WriteAsync(document, payload, format, http.Response.Body, context.Language, table, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> SignInPageAsync(
        HttpContext http, IHostEnvironment environment, IOptions<AiLiteracyServerOptions> options, IOptions<DashboardOptions> dashboardOptions, IAuthenticationSchemeProvider schemes)
    {
        var context = DashboardContext.From(http);
        RememberLanguage(http);
        var returnUrl = SafeReturnUrl(http.Request.Query["returnUrl"].ToString());
        var current = await http.AuthenticateAsync(DashboardAuthentication.Scheme).ConfigureAwait(false);
        if (current.Succeeded)
        {
            return Results.Redirect(returnUrl ?? http.Request.PathBase + DashboardRoutes.Overview);
        }

        var entra = await EntraSignInAvailableAsync(dashboardOptions, schemes).ConfigureAwait(false);
        var error = entra ? DashboardEntraErrors.Message(context, http.Request.Query["error"].ToString()) : null;
        var page = DashboardPages.SignIn(context, returnUrl, error, DevelopmentKeyPath(environment, options) is not null, entra, apiKeyError: false);
        return Page(http, page, StatusCodes.Status200OK, null);
    }

    /// <summary>Starts an Entra ID sign-in: a challenge of the Entra ID scheme, coming back to the asked page in the page's language.</summary>
    private static async Task<IResult> EntraSignInAsync(HttpContext http, IOptions<DashboardOptions> dashboardOptions, IAuthenticationSchemeProvider schemes)
    {
        if (!await EntraSignInAvailableAsync(dashboardOptions, schemes).ConfigureAwait(false))
        {
            return Results.NotFound();
        }

        var context = DashboardContext.From(http);
        var properties = new AuthenticationProperties
        {
            RedirectUri = SafeReturnUrl(http.Request.Query["returnUrl"].ToString())
                ?? http.Request.PathBase + DashboardRoutes.Overview + (context.English ? "?lang=en" : string.Empty),
        };
        properties.Items[DashboardEntraSetup.LanguageItem] = context.Language;
        http.Response.Headers.CacheControl = "no-store";
        return Results.Challenge(properties, [DashboardAuthentication.EntraScheme]);
    }

    private static async Task<bool> EntraSignInAvailableAsync(IOptions<DashboardOptions> dashboardOptions, IAuthenticationSchemeProvider schemes) =>
        dashboardOptions.Value.Entra.Enabled && await schemes.GetSchemeAsync(DashboardAuthentication.EntraScheme).ConfigureAwait(false) is not null;

    private static async Task<IResult> SignInAsync(
        HttpContext http,
        IHostEnvironment environment,
        IOptions<AiLiteracyServerOptions> options,
        ApiKeyCache keys,
        IApiKeyStore store,
        DashboardSessionProtector sessions,
        IOptions<DashboardOptions> dashboardOptions,
        IAuthenticationSchemeProvider schemes,
        CancellationToken cancellationToken)
    {
        if (!SameOrigin(http))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false) : null;
        var language = form?["lang"].ToString() == "en" ? "en" : "fr";
        var context = new DashboardContext(language, ReportFilter.None, DashboardRoutes.SignIn, http.Request.PathBase.Value);
        var returnUrl = SafeReturnUrl(form?["returnUrl"].ToString());
        var developmentKeyPath = DevelopmentKeyPath(environment, options);
        string? apiKey = form?["apiKey"].ToString().Trim();
        if (form?["developmentKey"].ToString() == "1" && developmentKeyPath is not null)
        {
            apiKey = (await File.ReadAllTextAsync(developmentKeyPath, cancellationToken).ConfigureAwait(false)).Trim();
        }

        ApiKeyInfo? key = null;
        if (!string.IsNullOrEmpty(apiKey) && apiKey.Length <= 512 && options.Value.ApiKeys.Enabled)
        {
            key = await keys.GetOrVerifyAsync(apiKey, store, cancellationToken).ConfigureAwait(false);
        }

        if (key is null || !key.Roles.Any(AiLiteracyRoles.IsKnown))
        {
            ServerTelemetry.AuthenticationFailures.Add(1, new KeyValuePair<string, object?>("scheme", DashboardAuthentication.Scheme));
            var error = context.T("Clé d'API inconnue, révoquée ou sans rôle : vérifiez-la ou demandez-en une à votre administrateur.", "Unknown, revoked or role-less API key: check it or ask your administrator for one.");
            var entra = await EntraSignInAvailableAsync(dashboardOptions, schemes).ConfigureAwait(false);
            return Page(http, DashboardPages.SignIn(context, returnUrl, error, developmentKeyPath is not null, entra, apiKeyError: true), StatusCodes.Status401Unauthorized, null);
        }

        http.Response.Cookies.Append(DashboardAuthentication.SessionCookie, sessions.Protect(apiKey!), DashboardAuthentication.SessionCookieOptions(http.Request, sessions.Lifetime));
        http.Response.Headers.CacheControl = "no-store";
        return Results.Redirect(returnUrl ?? http.Request.PathBase + DashboardRoutes.Overview + (language == "en" ? "?lang=en" : string.Empty), permanent: false, preserveMethod: false);
    }

    /// <summary>Ends the dashboard session (API key or Entra ID) by deleting its cookie: a local sign-out, the browser's Entra ID session stays.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        if (!SameOrigin(http))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        await http.SignOutAsync(DashboardAuthentication.Scheme).ConfigureAwait(false);
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = http.Request.PathBase + DashboardRoutes.SignIn;
        return Results.Empty;
    }

    internal static IResult Page(HttpContext http, string html, int status, long? started)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        if (started is { } start)
        {
            headers["Server-Timing"] = "app;desc=\"dashboard\";dur=" + Stopwatch.GetElapsedTime(start).TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        }

        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static Task PlainAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        return http.Response.WriteAsync(message);
    }

    private static void RememberLanguage(HttpContext http)
    {
        if (http.Request.Query["lang"].ToString() is "fr" or "en")
        {
            http.Response.Cookies.Append(DashboardAuthentication.LanguageCookie, http.Request.Query["lang"].ToString(), new CookieOptions
            {
                HttpOnly = true,
                Secure = DashboardAuthentication.SecureCookies(http.Request),
                SameSite = SameSiteMode.Lax,
                Path = string.IsNullOrEmpty(http.Request.PathBase) ? "/" : http.Request.PathBase.Value,
                MaxAge = TimeSpan.FromDays(365),
            });
        }
    }

    /// <summary>A local path to go back to after sign-in, or <see langword="null"/> (open redirects refused).</summary>
    internal static string? SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length < 2048 && returnUrl[0] == '/'
            && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : null;

    /// <summary>Whether a form post comes from this site (Origin or Sec-Fetch-Site), against cross-site sign-in or sign-out.</summary>
    private static bool SameOrigin(HttpContext http)
    {
        var request = http.Request;
        switch (request.Headers["Sec-Fetch-Site"].ToString())
        {
            case "same-origin" or "none":
                return true;
            case "cross-site" or "same-site":
                return false;
        }

        // Browsers without Fetch metadata: the Origin must be this site's; clients that send neither are not browsers.
        var origin = request.Headers.Origin.ToString();
        return string.IsNullOrEmpty(origin)
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static string? DevelopmentKeyPath(IHostEnvironment environment, IOptions<AiLiteracyServerOptions> options)
    {
        if (!environment.IsDevelopment())
        {
            return null;
        }

        var file = options.Value.Seed.DevelopmentKeyFile;
        var path = Path.IsPathRooted(file) ? file : Path.Combine(environment.ContentRootPath, file);
        return File.Exists(path) ? path : null;
    }
}
