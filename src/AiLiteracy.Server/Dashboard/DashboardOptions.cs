using System.ComponentModel.DataAnnotations;

namespace AiLiteracy.Server.Dashboard;

/// <summary>Options of the dashboard served at <c>/</c> (configuration section <c>AiLiteracy:Dashboard</c>), validated at start-up.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "AiLiteracy:Dashboard";

    /// <summary>How long a dashboard sign-in lasts before the API key must be entered again. Default: 8 hours.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Tenants whose report snapshot is built in the background once the server listens, so that their first dashboard
    /// page is served at once. Default: 20; 0 disables.
    /// </summary>
    [Range(0, 10_000)]
    public int WarmSnapshotsOnStart { get; set; } = 20;

    /// <summary>Rows of per-agent tables shown on a page (the full lists are in the exports). Default: 200.</summary>
    [Range(10, 5000)]
    public int MaxTableRows { get; set; } = 200;

    /// <summary>Sign-in with a Microsoft Entra ID work account (section <c>AiLiteracy:Dashboard:Entra</c>). Off unless <see cref="DashboardEntraOptions.ClientId"/> is set.</summary>
    [Required]
    public DashboardEntraOptions Entra { get; set; } = new();
}

/// <summary>
/// Dashboard sign-in with Microsoft Entra ID (OpenID Connect, authorization code flow with PKCE, multi-tenant): the user's
/// <c>tid</c> must be mapped to an organisation and the ID token must carry an <c>AiLiteracy.Read/Write/Admin</c> app role.
/// Whether it is on is read from the configuration at start-up.
/// </summary>
public sealed class DashboardEntraOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = DashboardOptions.SectionName + ":Entra";

    /// <summary>The application (client) id of the dashboard's app registration. Empty: Entra ID sign-in is off.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret of the app registration; empty for a registration without secret (PKCE only, public client flows allowed).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The authority host, e.g. <c>https://login.microsoftonline.com/</c> or a sovereign cloud's such as
    /// <c>https://login.sovcloud-identity.fr/</c>. Default: the server's <c>AiLiteracy:Server:Entra:Instance</c> (and
    /// then its metadata address and issuer templates).
    /// </summary>
    public string? Instance { get; set; }

    /// <summary>The OpenID Connect metadata document. Default: <c>{Instance}organizations/v2.0/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The redirect URI path registered with the app registration. Default: <c>/signin-oidc</c>.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>Whether Entra ID sign-in is on (a client id is set).</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The Entra settings in force for the dashboard: the server's when <see cref="Instance"/> is not set, with this section's metadata address when given.</summary>
    /// <param name="server">The server's Entra settings (<c>AiLiteracy:Server:Entra</c>).</param>
    /// <returns>Settings whose metadata address and issuer templates apply to the dashboard's sign-in.</returns>
    public EntraOptions Effective(EntraOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return string.IsNullOrWhiteSpace(Instance)
            ? new EntraOptions { Instance = server.Instance, MetadataAddress = MetadataAddress ?? server.MetadataAddress, IssuerTemplates = server.IssuerTemplates, ClockSkew = server.ClockSkew }
            : new EntraOptions { Instance = Instance, MetadataAddress = MetadataAddress, ClockSkew = server.ClockSkew };
    }
}
