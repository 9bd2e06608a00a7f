using System.ComponentModel.DataAnnotations;

namespace HrSyncWorker;

/// <summary>The schedule of the worker (section <c>HrSyncWorker</c>), validated at start-up.</summary>
public sealed class HrSyncWorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "HrSyncWorker";

    /// <summary>The authority (tenant id) the worker imports for; created from <see cref="OrganizationName"/> on first run.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9-]{1,62}$")]
    public string TenantId { get; set; } = "";

    /// <summary>The authority's name, used when the tenant is created.</summary>
    [Required]
    public string OrganizationName { get; set; } = "";

    /// <summary>Time between two runs. Default: 1 day.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Runs once at start-up, then every <see cref="Interval"/>. Default: true.</summary>
    public bool RunAtStart { get; set; } = true;

    /// <summary>Stops the process after the first run (for a cron job or a scheduled task). Default: false.</summary>
    public bool RunOnce { get; set; }

    /// <summary>The Entra group rules file (see <c>ailiteracy entra rules</c>); no group sync when empty.</summary>
    public string? EntraRulesFile { get; set; }
}
