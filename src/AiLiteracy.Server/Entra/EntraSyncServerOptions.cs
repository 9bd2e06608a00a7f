using System.ComponentModel.DataAnnotations;

namespace AiLiteracy.Server.Entra;

/// <summary>
/// The scheduled Entra ID group sync of the server (configuration section <c>AiLiteracy:Server:EntraSync</c>),
/// validated at start-up. Off by default: while <see cref="Enabled"/> is <see langword="false"/> nothing Entra-related
/// is registered and no request is ever sent to Microsoft Graph. Each authority (tenant) synced has its own rules file
/// (<c>kind: entra-group-sync</c>, the file of <c>ailiteracy entra sync --config</c>); the server keeps the sync
/// state and the last run in its database and writes every change to the audit log.
/// </summary>
public sealed class EntraSyncServerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = AiLiteracyServerOptions.SectionName + ":EntraSync";

    /// <summary>Whether the server syncs Entra ID groups. Default: <see langword="false"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Single-authority shorthand: the tenant whose groups <see cref="ConfigPath"/> describes. Set both or neither;
    /// use <see cref="Tenants"/> for several authorities.
    /// </summary>
    [RegularExpression(TenantIdPattern)]
    public string? TenantId { get; set; }

    /// <summary>
    /// Single-authority shorthand: the rules file of <see cref="TenantId"/>. A relative path is taken from the content
    /// root.
    /// </summary>
    public string? ConfigPath { get; set; }

    /// <summary>The authorities synced, by tenant id, each with its rules file.</summary>
    public Dictionary<string, EntraSyncTenantOptions> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The connection used for a rules file without a <c>connection</c> section (credential, Entra tenant, sovereign
    /// cloud URLs). Default: none, in which case every rules file must carry its own.
    /// </summary>
    public global::AiLiteracy.Entra.EntraOptions? Connection { get; set; }

    /// <summary>The client secret of the <c>client-secret</c> credential (from a secret store or the environment, never from the rules file).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The password of the certificate of the <c>certificate</c> credential, when it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Whether the sync runs on its own every <see cref="Interval"/>. Default: <see langword="true"/>; with
    /// <see langword="false"/> it runs only when triggered (<c>POST /api/v1/entra/sync</c>).
    /// </summary>
    public bool RunOnSchedule { get; set; } = true;

    /// <summary>The least time between two scheduled runs of an authority. Default: 6 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "31.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often an instance looks for authorities whose run is due. Default: 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a claim on an authority's run lasts without being renewed: a running sync renews it every third of it,
    /// so it only bounds how long the run of a crashed instance blocks the others. Default: 2 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Whether every run, scheduled or triggered, only computes and records the plan, writing nothing to Entra ID (a
    /// trial period). Default: <see langword="false"/>.
    /// </summary>
    public bool DryRun { get; set; }

    /// <summary>
    /// Whether scheduled runs apply their plan even beyond the removal threshold. Default, and strongly advised:
    /// <see langword="false"/> (a truncated HR import then stops the run instead of removing everybody's access); an
    /// administrator forces one run with <c>POST /api/v1/entra/sync?force=true</c>.
    /// </summary>
    public bool Force { get; set; }

    /// <summary>The pattern of a tenant id.</summary>
    internal const string TenantIdPattern = "^[a-z0-9][a-z0-9-]{0,62}$";

    /// <summary>The authorities synced: <see cref="Tenants"/> plus the single-authority shorthand.</summary>
    /// <returns>The rules of each tenant, by tenant id.</returns>
    public IReadOnlyDictionary<string, EntraSyncTenantOptions> EffectiveTenants()
    {
        var tenants = new Dictionary<string, EntraSyncTenantOptions>(Tenants, StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ConfigPath))
        {
            tenants.TryAdd(TenantId, new EntraSyncTenantOptions { ConfigPath = ConfigPath });
        }

        return tenants;
    }
}

/// <summary>The Entra ID group sync of one authority.</summary>
public sealed class EntraSyncTenantOptions
{
    /// <summary>The rules file (<c>kind: entra-group-sync</c>). A relative path is taken from the content root.</summary>
    [Required]
    public string ConfigPath { get; set; } = string.Empty;

    /// <summary>Overrides <see cref="EntraSyncServerOptions.DryRun"/> for this authority.</summary>
    public bool? DryRun { get; set; }

    /// <summary>Overrides <see cref="EntraSyncServerOptions.ClientSecret"/> for this authority.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Overrides <see cref="EntraSyncServerOptions.CertificatePassword"/> for this authority.</summary>
    public string? CertificatePassword { get; set; }
}
