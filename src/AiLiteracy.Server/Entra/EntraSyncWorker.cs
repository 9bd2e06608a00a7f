using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Entra;

/// <summary>
/// Runs the Entra ID group sync on its schedule: every <see cref="EntraSyncServerOptions.CheckInterval"/>, for each
/// configured authority whose last run completed more than <see cref="EntraSyncServerOptions.Interval"/> ago, claims
/// the authority's job in the database (one instance wins, the others skip it) and runs the sync
/// (<see cref="EntraSyncRunner"/>). A failed run is retried at the next check. Registered only when
/// <see cref="EntraSyncServerOptions.Enabled"/>; idle while <see cref="EntraSyncServerOptions.RunOnSchedule"/> is off.
/// </summary>
public sealed partial class EntraSyncWorker : BackgroundService
{
    private readonly EntraSyncRunner runner;
    private readonly IOptionsMonitor<EntraSyncServerOptions> options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<EntraSyncWorker> logger;

    /// <summary>Creates the worker.</summary>
    /// <param name="runner">The runner.</param>
    /// <param name="options">The sync options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">Logger.</param>
    public EntraSyncWorker(EntraSyncRunner runner, IOptionsMonitor<EntraSyncServerOptions> options, TimeProvider timeProvider, ILogger<EntraSyncWorker> logger)
    {
        this.runner = runner;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            if (settings.Enabled && settings.RunOnSchedule)
            {
                try
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogCycleFailed(logger, ex);
                }
            }

            try
            {
                await Task.Delay(settings.CheckInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs the sync of every authority whose run is due and that this instance claims.</summary>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <returns>The authorities this call ran the sync for, with the report of each run.</returns>
    public async Task<IReadOnlyDictionary<string, EntraSyncRunReport>> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var reports = new Dictionary<string, EntraSyncRunReport>(StringComparer.Ordinal);
        foreach (var tenantId in runner.Tenants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var outcome = await runner.RunAsync(tenantId, EntraSyncTrigger.Schedule, cancellationToken).ConfigureAwait(false);
                if (outcome is { Kind: EntraSyncOutcomeKind.Ran, Report: { } report })
                {
                    reports[tenantId] = report;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTenantFailed(logger, tenantId, ex);
            }
        }

        return reports;
    }

    [LoggerMessage(EventId = 1311, Level = LogLevel.Error, Message = "Entra ID group sync of tenant {TenantId} failed; it will be retried at the next check")]
    private static partial void LogTenantFailed(ILogger logger, string tenantId, Exception exception);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Error, Message = "Entra ID group sync check failed; it will be retried at the next check")]
    private static partial void LogCycleFailed(ILogger logger, Exception exception);
}
