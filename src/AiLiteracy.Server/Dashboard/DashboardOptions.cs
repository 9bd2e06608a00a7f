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
}
