namespace AiLiteracy.Server.Dashboard;

/// <summary>The paths of the dashboard.</summary>
public static class DashboardRoutes
{
    /// <summary>Overview: coverage by directorate and clearance status.</summary>
    public const string Overview = "/";

    /// <summary>Modules expiring within the expiring-soon window.</summary>
    public const string Expiring = "/expiring";

    /// <summary>Training plan summary.</summary>
    public const string Plan = "/plan";

    /// <summary>AI referents per directorate.</summary>
    public const string Referents = "/referents";

    /// <summary>Downloads of the reports (<c>/exports/{report}?format=…</c>).</summary>
    public const string Exports = "/exports";

    /// <summary>Sign-in page and form.</summary>
    public const string SignIn = "/sign-in";

    /// <summary>Starts a sign-in with Microsoft Entra ID (when on): redirects to the identity provider.</summary>
    public const string EntraSignIn = "/sign-in/entra";

    /// <summary>Sign-out form target.</summary>
    public const string SignOut = "/sign-out";

    /// <summary>The stylesheet.</summary>
    public const string Stylesheet = "/dashboard/dashboard.css";

    /// <summary>Whether a path belongs to the REST API (never authenticated by the dashboard cookie).</summary>
    /// <param name="path">The request path.</param>
    /// <returns><see langword="true"/> under <c>/api</c>.</returns>
    internal static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
