using AiLiteracy.Ports;
using AiLiteracy.Reports;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Dashboard;

/// <summary>
/// Once the server listens, builds the report snapshot of the first tenants in the background (one after the other),
/// so that the first dashboard page of the day does not wait for every agent to be loaded and judged.
/// </summary>
internal sealed partial class ReportSnapshotWarmup : BackgroundService
{
    private readonly IHostApplicationLifetime lifetime;
    private readonly IServiceScopeFactory scopes;
    private readonly IReportScopeFactory tenantScopes;
    private readonly IOptionsMonitor<DashboardOptions> options;
    private readonly ILogger<ReportSnapshotWarmup> logger;

    public ReportSnapshotWarmup(
        IHostApplicationLifetime lifetime,
        IServiceScopeFactory scopes,
        IReportScopeFactory tenantScopes,
        IOptionsMonitor<DashboardOptions> options,
        ILogger<ReportSnapshotWarmup> logger)
    {
        this.lifetime = lifetime;
        this.scopes = scopes;
        this.tenantScopes = tenantScopes;
        this.options = options;
        this.logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var count = options.CurrentValue.WarmSnapshotsOnStart;
        if (count <= 0)
        {
            return;
        }

        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        IReadOnlyList<TenantInfo> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().ListAsync(stoppingToken).ConfigureAwait(false);
        }

        foreach (var tenant in tenants.Take(count))
        {
            try
            {
                await using var scope = tenantScopes.CreateScope(tenant.Id);
                await scope.ServiceProvider.GetRequiredService<AuthorityReportService>().GetSnapshotAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogWarmupFailed(logger, ex, tenant.Id);
            }
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "The report snapshot of tenant {TenantId} could not be built at start-up; the dashboard builds it on first use")]
    private static partial void LogWarmupFailed(ILogger logger, Exception exception, string tenantId);
}
