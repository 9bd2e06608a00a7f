using AiLiteracy.Server.Hosting;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Entra;

/// <summary>
/// Runs the Entra ID group sync on its schedule: every <see cref="EntraSyncServerOptions.CheckInterval"/>, for each
/// configured authority whose last run completed more than <see cref="EntraSyncServerOptions.Interval"/> ago, claims
/// the authority's job in the database (one instance wins, the others skip it) and runs the sync
/// (<see cref="EntraSyncRunner"/>, which renews the claim while the run lasts). A failed run is retried at the next
/// check. Registered only when <see cref="EntraSyncServerOptions.Enabled"/>; idle while
/// <see cref="EntraSyncServerOptions.RunOnSchedule"/> is off.
/// </summary>
public sealed class EntraSyncWorker : BackgroundService
{
    private readonly EntraSyncRunner runner;
    private readonly IOptionsMonitor<EntraSyncServerOptions> options;

    /// <summary>Creates the worker.</summary>
    /// <param name="runner">The runner.</param>
    /// <param name="options">The sync options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">Logger.</param>
    public EntraSyncWorker(EntraSyncRunner runner, IOptionsMonitor<EntraSyncServerOptions> options, TimeProvider timeProvider, ILogger<EntraSyncWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(runner);
        this.runner = runner;
        this.options = options;
        Scheduler = runner.CreateScheduler(timeProvider, logger);
    }

    /// <summary>The schedule of the runner's job, with this worker's clock and logger.</summary>
    internal TenantJobScheduler Scheduler { get; }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Scheduler.RunScheduleAsync(
            () => new TenantJobSchedule(options.CurrentValue.Enabled && options.CurrentValue.RunOnSchedule, options.CurrentValue.CheckInterval),
            RunOnceAsync,
            stoppingToken);

    /// <summary>Runs the sync of every authority whose run is due and that this instance claims.</summary>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <returns>The authorities this call ran the sync for, with the report of each run.</returns>
    public Task<IReadOnlyDictionary<string, EntraSyncRunReport>> RunOnceAsync(CancellationToken cancellationToken = default) =>
        Scheduler.RunForTenantsAsync(
            runner.Tenants,
            async (tenantId, token) =>
                await runner.RunAsync(tenantId, EntraSyncTrigger.Schedule, token).ConfigureAwait(false) is { Kind: EntraSyncOutcomeKind.Ran, Report: { } report }
                    ? report
                    : null,
            cancellationToken);
}
