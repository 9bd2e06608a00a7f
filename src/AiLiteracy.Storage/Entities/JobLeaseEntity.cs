namespace AiLiteracy.Storage.Entities;

/// <summary>Storage row of the lease on a scheduled job of a tenant (<see cref="Ports.JobLeaseInfo"/>).</summary>
public sealed class JobLeaseEntity : ITenantOwned
{
    /// <summary>Tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Job name.</summary>
    public string JobName { get; set; } = "";

    /// <summary>The instance holding or last holding the lease.</summary>
    public string? HolderId { get; set; }

    /// <summary>Lease end.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    /// <summary>Last start.</summary>
    public DateTimeOffset? LastStartedAt { get; set; }

    /// <summary>Last successful completion.</summary>
    public DateTimeOffset? LastCompletedAt { get; set; }
}
