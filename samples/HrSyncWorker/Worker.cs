using Microsoft.Extensions.Options;

namespace HrSyncWorker;

/// <summary>Runs <see cref="SyncCycle"/> on the configured schedule; a failed run is logged and retried at the next tick.</summary>
public sealed partial class Worker(
    SyncCycle cycle, IOptions<HrSyncWorkerOptions> options, TimeProvider timeProvider, IHostApplicationLifetime lifetime, ILogger<Worker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RunAtStart && !settings.RunOnce)
        {
            await Task.Delay(settings.Interval, timeProvider, stoppingToken);
        }

        using var timer = new PeriodicTimer(settings.Interval, timeProvider);
        do
        {
            try
            {
                await cycle.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
                Environment.ExitCode = 1;
            }

            if (settings.RunOnce)
            {
                lifetime.StopApplication();
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "HR sync run failed; next attempt at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
