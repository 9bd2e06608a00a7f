namespace AiLiteracy.Ports;

/// <summary>The state of a scheduled job of the current tenant.</summary>
public sealed record JobLeaseInfo
{
    /// <summary>The job name, e.g. <c>personal-data.retention</c>.</summary>
    public required string JobName { get; init; }

    /// <summary>The instance holding or last holding the lease.</summary>
    public string? HolderId { get; init; }

    /// <summary>End of the current lease; the job is free once it has passed.</summary>
    public DateTimeOffset? LeasedUntil { get; init; }

    /// <summary>When the job last started.</summary>
    public DateTimeOffset? LastStartedAt { get; init; }

    /// <summary>When the job last completed successfully.</summary>
    public DateTimeOffset? LastCompletedAt { get; init; }
}

/// <summary>
/// Leases on the scheduled jobs of the current tenant (retention runs, periodic syncs): several server instances on one
/// database each try to claim a due job, and exactly one gets it. A claim lasts until the holder completes or
/// releases it, or until its lease expires (the holder crashed), after which another instance may claim it.
/// </summary>
public interface IJobLeaseStore
{
    /// <summary>
    /// Claims <paramref name="jobName"/> for <paramref name="holderId"/> when no lease is running and the job did not
    /// complete within the last <paramref name="minimumInterval"/>; atomic across instances.
    /// </summary>
    /// <param name="jobName">The job name (at most 100 characters).</param>
    /// <param name="holderId">A unique id of the claiming instance (at most 200 characters).</param>
    /// <param name="lease">How long the claim lasts without completion or release.</param>
    /// <param name="minimumInterval">The least time between two completed runs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when this call claimed the job.</returns>
    Task<bool> TryClaimAsync(string jobName, string holderId, TimeSpan lease, TimeSpan minimumInterval, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends the lease of a running job to <paramref name="lease"/> from now, while <paramref name="holderId"/> still
    /// holds it: claimed by it and neither completed nor released since, even if the lease ran out meanwhile, as long
    /// as no other instance claimed the job. A long run renews its lease every fraction of it, so that the lease only
    /// has to outlast a crashed holder, not the longest run; atomic across instances.
    /// </summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="holderId">The instance holding the lease.</param>
    /// <param name="lease">How long the claim lasts from now without another renewal, completion or release.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// <see langword="true"/> when the lease was extended; <see langword="false"/> when the holder lost it (another
    /// instance claimed the job, or the run was completed or released): the holder must stop the run.
    /// </returns>
    Task<bool> RenewAsync(string jobName, string holderId, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Records that the holder completed the job now and frees the lease.</summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="holderId">The instance holding the lease.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the instance still held the lease.</returns>
    Task<bool> CompleteAsync(string jobName, string holderId, CancellationToken cancellationToken = default);

    /// <summary>Frees the lease without recording a completion (the run failed: the job stays due).</summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="holderId">The instance holding the lease.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the instance still held the lease.</returns>
    Task<bool> ReleaseAsync(string jobName, string holderId, CancellationToken cancellationToken = default);

    /// <summary>Gets the state of a job.</summary>
    /// <param name="jobName">The job name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The state, or <see langword="null"/> when the job was never claimed.</returns>
    Task<JobLeaseInfo?> GetAsync(string jobName, CancellationToken cancellationToken = default);
}
