using System.Diagnostics.Metrics;
using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;

namespace AiLiteracy.Server.Hosting;

/// <summary>When a scheduled job looks for due tenants.</summary>
/// <param name="Enabled">Whether the job runs on its schedule; while off, the loop only waits.</param>
/// <param name="CheckInterval">How long the loop waits between two checks.</param>
internal readonly record struct TenantJobSchedule(bool Enabled, TimeSpan CheckInterval);

/// <summary>What became of a leased run.</summary>
internal enum LeasedRunOutcome
{
    /// <summary>Not claimed: another request or instance holds the job, or it is not due yet.</summary>
    NotClaimed,

    /// <summary>The run ended; its result is given, and the job was completed or released as the run asked.</summary>
    Ran,

    /// <summary>The lease was lost to another instance while the run executed: the run was cancelled.</summary>
    LeaseLost,
}

/// <summary>What became of a leased run, with the result of the run when it ran.</summary>
/// <typeparam name="T">The result of a run.</typeparam>
/// <param name="Outcome">What became of it.</param>
/// <param name="Result">The result, when it ran.</param>
internal sealed record LeasedRun<T>(LeasedRunOutcome Outcome, T? Result = null)
    where T : class;

/// <summary>
/// The schedule of a per-tenant job shared by several server instances on one database (<see cref="IJobLeaseStore"/>):
/// every check interval, for each tenant, claims the job when it is due (one instance wins, the others skip it), runs
/// it while renewing the lease every third of it, then completes the job (it is due again after its interval) or
/// releases it (a failed run is retried at the next check). A run whose renewal reports the lease lost (another
/// instance claimed the job after the lease ran out, e.g. while this process was paused) is cancelled, so that a job
/// never runs twice at once: the lease only has to outlast a crashed holder, not the longest run.
/// </summary>
/// <remarks>
/// Renewals use a scope of their own (the run keeps its scope, whose database context is not shared between threads).
/// A renewal that fails (database unreachable) is retried at the next tick as long as the lease may still run; once
/// its end has passed without a renewal, the run is cancelled as well.
/// </remarks>
internal sealed partial class TenantJobScheduler
{
    /// <summary>The outcomes counted by <see cref="Runs"/>.</summary>
    internal static class Outcomes
    {
        public const string Completed = "completed";
        public const string Released = "released";
        public const string Failed = "failed";
        public const string LeaseLost = "lease-lost";
    }

    private static readonly Counter<long> Runs = ServerTelemetry.Meter.CreateCounter<long>(
        "ailiteracy.server.jobs.runs", description: "Runs of scheduled jobs, tagged with job and outcome (completed, released, failed, lease-lost).");

    private static readonly Counter<long> Renewals = ServerTelemetry.Meter.CreateCounter<long>(
        "ailiteracy.server.jobs.lease_renewals", description: "Lease renewals of running scheduled jobs, tagged with job and outcome (renewed, lost, error).");

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly string instanceId = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Creates the scheduler of a job.</summary>
    /// <param name="jobName">The job name claimed per tenant (at most 100 characters).</param>
    /// <param name="scopes">Scope factory: one scope per run and one per renewal, acting for the run's tenant.</param>
    /// <param name="timeProvider">The clock of the checks and renewals.</param>
    /// <param name="logger">The logger of the job's owner.</param>
    public TenantJobScheduler(string jobName, IServiceScopeFactory scopes, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobName);
        JobName = jobName;
        this.scopes = scopes;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>The job name claimed per tenant.</summary>
    public string JobName { get; }

    /// <summary>
    /// The loop of a background service: while <paramref name="stoppingToken"/> runs, calls <paramref name="check"/>
    /// when the schedule is enabled, then waits for the check interval. The schedule is read again on every turn (options
    /// reloaded); a failed check is logged and retried at the next turn.
    /// </summary>
    /// <param name="schedule">The current schedule.</param>
    /// <param name="check">One check: runs the job for every tenant whose run is due.</param>
    /// <param name="stoppingToken">Stops the loop.</param>
    /// <returns>A task that ends when the loop stops.</returns>
    public async Task RunScheduleAsync(Func<TenantJobSchedule> schedule, Func<CancellationToken, Task> check, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(check);
        while (!stoppingToken.IsCancellationRequested)
        {
            var current = schedule();
            if (current.Enabled)
            {
                try
                {
                    await check(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogCheckFailed(logger, JobName, ex);
                }
            }

            try
            {
                await Task.Delay(current.CheckInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="runTenant"/> for each tenant in turn; the failure of one tenant's run is logged and does not
    /// stop the others (it is retried at the next check).
    /// </summary>
    /// <typeparam name="T">The result of a run.</typeparam>
    /// <param name="tenants">The tenants.</param>
    /// <param name="runTenant">Runs the job of a tenant; <see langword="null"/> when it did not run there.</param>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <returns>The tenants the job ran for, with the result of each run.</returns>
    public async Task<IReadOnlyDictionary<string, T>> RunForTenantsAsync<T>(
        IEnumerable<string> tenants, Func<string, CancellationToken, Task<T?>> runTenant, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(runTenant);
        var results = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var tenantId in tenants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await runTenant(tenantId, cancellationToken).ConfigureAwait(false) is { } result)
                {
                    results[tenantId] = result;
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                LogTenantFailed(logger, JobName, tenantId, ex);
            }
        }

        return results;
    }

    /// <summary>
    /// Claims the job of <paramref name="tenantId"/> and, when claimed, runs it under a renewed lease: every third of
    /// <paramref name="lease"/> the lease is extended; when a renewal reports it lost, the run's token is cancelled.
    /// A run that ends is completed when <paramref name="completes"/> says so and released otherwise; a run that
    /// throws is released (the job stays due) and its exception rethrown.
    /// </summary>
    /// <typeparam name="T">The result of a run.</typeparam>
    /// <param name="tenantId">The tenant whose job runs.</param>
    /// <param name="lease">How long the claim lasts without a renewal: how long the job of a crashed instance waits.</param>
    /// <param name="minimumInterval">The least time since the last completed run for the job to be due.</param>
    /// <param name="run">The run, given the services of a scope acting for the tenant and a token cancelled when the
    /// lease is lost or <paramref name="cancellationToken"/> is.</param>
    /// <param name="completes">Whether a run that ended with this result completes the job (otherwise it stays due).</param>
    /// <param name="cancellationToken">Cancels the claim and the run.</param>
    /// <returns>What became of the run.</returns>
    public async Task<LeasedRun<T>> RunLeasedAsync<T>(
        string tenantId,
        TimeSpan lease,
        TimeSpan minimumInterval,
        Func<IServiceProvider, CancellationToken, Task<T>> run,
        Func<T, bool> completes,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(completes);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<RequestTenantContext>().Set(tenantId);
        var leases = services.GetRequiredService<IJobLeaseStore>();
        var holderId = $"{instanceId}:{Guid.NewGuid():N}";
        var claimedAt = timeProvider.GetUtcNow();
        if (!await leases.TryClaimAsync(JobName, holderId, lease, minimumInterval, cancellationToken).ConfigureAwait(false))
        {
            return new LeasedRun<T>(LeasedRunOutcome.NotClaimed);
        }

        var job = new KeyValuePair<string, object?>("job", JobName);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopRenewing = new CancellationTokenSource();
        var renewals = KeepLeaseAsync(tenantId, holderId, lease, claimedAt, running, stopRenewing.Token);
        T result;
        try
        {
            result = await run(services, running.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var lost = await StopAsync(renewals, stopRenewing).ConfigureAwait(false);
            if (lost && !cancellationToken.IsCancellationRequested)
            {
                // The lease is another instance's now: nothing to release.
                Runs.Add(1, job, new KeyValuePair<string, object?>("outcome", Outcomes.LeaseLost));
                LogRunCancelled(logger, JobName, tenantId, ex);
                return new LeasedRun<T>(LeasedRunOutcome.LeaseLost);
            }

            Runs.Add(1, job, new KeyValuePair<string, object?>("outcome", Outcomes.Failed));
            await TryReleaseAsync(leases, tenantId, holderId).ConfigureAwait(false);
            throw;
        }

        await StopAsync(renewals, stopRenewing).ConfigureAwait(false);
        var complete = completes(result);
        var held = complete
            ? await leases.CompleteAsync(JobName, holderId, CancellationToken.None).ConfigureAwait(false)
            : await leases.ReleaseAsync(JobName, holderId, CancellationToken.None).ConfigureAwait(false);
        if (!held)
        {
            LogEndedWithoutLease(logger, JobName, tenantId);
        }

        Runs.Add(1, job, new KeyValuePair<string, object?>("outcome", !held ? Outcomes.LeaseLost : complete ? Outcomes.Completed : Outcomes.Released));
        return new LeasedRun<T>(LeasedRunOutcome.Ran, result);
    }

    private static async Task<bool> StopAsync(Task<bool> renewals, CancellationTokenSource stopRenewing)
    {
        await stopRenewing.CancelAsync().ConfigureAwait(false);
        return await renewals.ConfigureAwait(false);
    }

    /// <summary>
    /// Renews the lease every third of it until <paramref name="stop"/>; cancels <paramref name="run"/> and returns
    /// <see langword="true"/> when the lease is lost. The ticks follow the claim time (a late tick renews at once, the
    /// next one is a period later).
    /// </summary>
    private async Task<bool> KeepLeaseAsync(string tenantId, string holderId, TimeSpan lease, DateTimeOffset claimedAt, CancellationTokenSource run, CancellationToken stop)
    {
        var job = new KeyValuePair<string, object?>("job", JobName);
        var period = lease / 3;
        var heldUntil = claimedAt + lease; // by this clock, read before the claim: never later than the stored end
        var next = claimedAt + period;
        while (true)
        {
            try
            {
                var wait = next - timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, stop).ConfigureAwait(false);
                }

                stop.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            var now = timeProvider.GetUtcNow();
            next = next + period > now ? next + period : now + period;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<RequestTenantContext>().Set(tenantId);
                if (await scope.ServiceProvider.GetRequiredService<IJobLeaseStore>().RenewAsync(JobName, holderId, lease, stop).ConfigureAwait(false))
                {
                    heldUntil = now + lease;
                    Renewals.Add(1, job, new KeyValuePair<string, object?>("outcome", "renewed"));
                    LogLeaseRenewed(logger, JobName, tenantId, heldUntil);
                    continue;
                }

                Renewals.Add(1, job, new KeyValuePair<string, object?>("outcome", "lost"));
                LogLeaseLost(logger, JobName, tenantId);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                Renewals.Add(1, job, new KeyValuePair<string, object?>("outcome", "error"));
                if (timeProvider.GetUtcNow() < heldUntil)
                {
                    LogRenewalFailed(logger, JobName, tenantId, heldUntil, ex);
                    continue;
                }

                LogLeaseExpired(logger, JobName, tenantId, ex);
            }

            await run.CancelAsync().ConfigureAwait(false);
            return true;
        }
    }

    private async Task TryReleaseAsync(IJobLeaseStore leases, string tenantId, string holderId)
    {
        try
        {
            await leases.ReleaseAsync(JobName, holderId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The lease then runs out on its own; the run's own failure is what the caller must see.
            LogReleaseFailed(logger, JobName, tenantId, ex);
        }
    }

    [LoggerMessage(EventId = 1210, Level = LogLevel.Error, Message = "Scheduled job {JobName} failed for tenant {TenantId}; it will be retried at the next check")]
    private static partial void LogTenantFailed(ILogger logger, string jobName, string tenantId, Exception exception);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Error, Message = "Check of scheduled job {JobName} failed; it will be retried at the next check")]
    private static partial void LogCheckFailed(ILogger logger, string jobName, Exception exception);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Debug, Message = "Lease of job {JobName} for tenant {TenantId} renewed until {LeasedUntil}")]
    private static partial void LogLeaseRenewed(ILogger logger, string jobName, string tenantId, DateTimeOffset leasedUntil);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning, Message = "Lease of job {JobName} for tenant {TenantId} lost to another instance; the run is cancelled")]
    private static partial void LogLeaseLost(ILogger logger, string jobName, string tenantId);

    [LoggerMessage(EventId = 1214, Level = LogLevel.Warning, Message = "Lease of job {JobName} for tenant {TenantId} not renewed; retried while it runs, until {LeasedUntil}")]
    private static partial void LogRenewalFailed(ILogger logger, string jobName, string tenantId, DateTimeOffset leasedUntil, Exception exception);

    [LoggerMessage(EventId = 1215, Level = LogLevel.Warning, Message = "Lease of job {JobName} for tenant {TenantId} ran out without a renewal; the run is cancelled")]
    private static partial void LogLeaseExpired(ILogger logger, string jobName, string tenantId, Exception exception);

    [LoggerMessage(EventId = 1216, Level = LogLevel.Warning, Message = "Run of job {JobName} for tenant {TenantId} cancelled after its lease was lost; the instance holding the job now runs it")]
    private static partial void LogRunCancelled(ILogger logger, string jobName, string tenantId, Exception exception);

    [LoggerMessage(EventId = 1217, Level = LogLevel.Warning, Message = "Run of job {JobName} for tenant {TenantId} ended after its lease was lost; another instance may have run it as well")]
    private static partial void LogEndedWithoutLease(ILogger logger, string jobName, string tenantId);

    [LoggerMessage(EventId = 1218, Level = LogLevel.Warning, Message = "Lease of job {JobName} for tenant {TenantId} not released after a failed run; it frees itself once it runs out")]
    private static partial void LogReleaseFailed(ILogger logger, string jobName, string tenantId, Exception exception);
}
