using System.ComponentModel.DataAnnotations;

namespace AiLiteracy.Entra;

/// <summary>How the current membership of a group is read.</summary>
public enum MembershipReadMode
{
    /// <summary><c>GET /groups/{id}/members?$select=id&amp;$top=999</c>, every page, at every run.</summary>
    Members,
    /// <summary>
    /// <c>GET /groups/delta?$select=members&amp;$filter=id eq '{id}'</c> with <c>members@delta</c>: the first run reads
    /// everything, later runs only the changes since the stored delta link (one call per group when nothing changed);
    /// an expired link triggers a full resync.
    /// </summary>
    Delta,
}

/// <summary>Tuning of the Microsoft Graph group sync. Every default suits Graph's limits and needs no change.</summary>
public sealed class EntraGroupSyncOptions
{
    /// <summary>The configuration section name: <c>AiLiteracy:Entra:GroupSync</c>.</summary>
    public const string SectionName = "AiLiteracy:Entra:GroupSync";

    /// <summary>Requests packed in one JSON <c>$batch</c>. Default and Graph's maximum: <c>20</c>.</summary>
    [Range(1, 20)]
    public int RequestsPerBatch { get; set; } = 20;

    /// <summary>Members added by one PATCH <c>members@odata.bind</c>. Default and Graph's maximum: <c>20</c>.</summary>
    [Range(1, 20)]
    public int MembersPerRequest { get; set; } = 20;

    /// <summary>Page size of user and member reads (<c>$top</c>). Default and Graph's maximum: <c>999</c>.</summary>
    [Range(1, 999)]
    public int PageSize { get; set; } = 999;

    /// <summary>How the current membership is read. Default: <see cref="MembershipReadMode.Members"/>.</summary>
    public MembershipReadMode MembershipRead { get; set; } = MembershipReadMode.Members;

    /// <summary>Attempts per request or batch item before it is reported as failed. Default: <c>8</c>.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First back-off delay when Graph gives no <c>Retry-After</c>; doubled at each attempt. Default: 2 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait honoured for one <c>Retry-After</c> or back-off. Default: 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The file keeping delta links, membership snapshots and the last run record between runs; <see langword="null"/>
    /// (the default) keeps them in memory for the life of the process.
    /// </summary>
    public string? StatePath { get; set; }

    /// <summary>
    /// A JSON Lines file every applied change is appended to; <see langword="null"/> (the default) writes to the
    /// registered <see cref="AiLiteracy.Ports.IAuditLog"/> when there is one.
    /// </summary>
    public string? AuditFilePath { get; set; }

    /// <summary>The actor written in the audit log. Default: <c>entra-group-sync</c>.</summary>
    [Required]
    public string AuditActor { get; set; } = "entra-group-sync";

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ValidationException">A value is out of range.</exception>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (RetryDelay < TimeSpan.Zero || MaxRetryDelay < TimeSpan.Zero)
        {
            throw new ValidationException("RetryDelay and MaxRetryDelay must not be negative.");
        }
    }
}
