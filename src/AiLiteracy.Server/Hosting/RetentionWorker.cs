using AiLiteracy.Reports;
using AiLiteracy.Ports;
using AiLiteracy.Services;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Hosting;

/// <summary>
/// Applies the retention policy of personal data (<see cref="RetentionOptions"/>) in the background: every
/// <see cref="RetentionOptions.CheckInterval"/>, for each tenant whose last run is older than
/// <see cref="RetentionOptions.Interval"/>, claims the tenant's <c>personal-data.retention</c> job in the database
/// (<see cref="IJobLeaseStore"/>: one instance wins, the others skip it) and erases the agents who left more than
/// <see cref="RetentionOptions.YearsAfterLeaving"/> years ago (<see cref="PersonalDataService.ApplyRetentionAsync"/>).
/// The claim is renewed every third of <see cref="RetentionOptions.Lease"/> while the run lasts; a run that loses it
/// to another instance is cancelled. A failed run frees its claim and is retried at the next check. Off unless
/// <see cref="RetentionOptions.Enabled"/>.
/// </summary>
public sealed partial class RetentionWorker : BackgroundService
{
    /// <summary>The job name claimed per tenant.</summary>
    public const string JobName = "personal-data.retention";

    /// <summary>The actor written to the audit log.</summary>
    public const string Actor = "system:retention";

    private readonly IServiceScopeFactory scopes;
    private readonly IOptionsMonitor<AiLiteracyServerOptions> options;
    private readonly ILogger<RetentionWorker> logger;
    private readonly TenantJobScheduler scheduler;

    /// <summary>Creates the worker.</summary>
    /// <param name="scopes">Scope factory.</param>
    /// <param name="options">Server options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">Logger.</param>
    public RetentionWorker(IServiceScopeFactory scopes, IOptionsMonitor<AiLiteracyServerOptions> options, TimeProvider timeProvider, ILogger<RetentionWorker> logger)
    {
        this.scopes = scopes;
        this.options = options;
        this.logger = logger;
        scheduler = new TenantJobScheduler(JobName, scopes, timeProvider, logger);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        scheduler.RunScheduleAsync(
            () => new TenantJobSchedule(options.CurrentValue.Retention.Enabled, options.CurrentValue.Retention.CheckInterval),
            RunOnceAsync,
            stoppingToken);

    /// <summary>Runs the retention policy for every tenant whose run is due and that this instance claims.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tenants this call ran the policy for, with what it erased.</returns>
    public async Task<IReadOnlyDictionary<string, RetentionResult>> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<TenantInfo> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().ListAsync(cancellationToken).ConfigureAwait(false);
        }

        return await scheduler.RunForTenantsAsync(tenants.Select(t => t.Id), RunForTenantAsync, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RetentionResult?> RunForTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Retention;
        var run = await scheduler.RunLeasedAsync(
            tenantId,
            settings.Lease,
            settings.Interval,
            async (services, token) =>
            {
                using var activity = ServerTelemetry.ActivitySource.StartActivity("ailiteracy.retention");
                activity?.SetTag("ailiteracy.tenant", tenantId);
                var result = await services.GetRequiredService<PersonalDataService>()
                    .ApplyRetentionAsync(settings.YearsAfterLeaving, Actor, token).ConfigureAwait(false);
                LogRetentionApplied(logger, tenantId, result.Erased, result.LeftBefore);
                if (result.Erased > 0)
                {
                    // The reports must not show an erased person's name from a snapshot read before the erasure.
                    services.GetService<ReportSnapshotCache>()?.Invalidate(tenantId);
                }

                return result;
            },
            _ => true,
            cancellationToken).ConfigureAwait(false);
        return run.Result;
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Retention applied for tenant {TenantId}: {Erased} agents who left before {LeftBefore} erased")]
    private static partial void LogRetentionApplied(ILogger logger, string tenantId, int erased, DateOnly leftBefore);
}
