using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Hosting;

/// <summary>
/// Applies the retention policy of personal data (<see cref="RetentionOptions"/>) in the background: every
/// <see cref="RetentionOptions.CheckInterval"/>, for each tenant whose last run is older than
/// <see cref="RetentionOptions.Interval"/>, claims the tenant's <c>personal-data.retention</c> job in the database
/// (<see cref="IJobLeaseStore"/>: one instance wins, the others skip it) and erases the agents who left more than
/// <see cref="RetentionOptions.YearsAfterLeaving"/> years ago (<see cref="PersonalDataService.ApplyRetentionAsync"/>).
/// A failed run frees its claim and is retried at the next check. Off unless <see cref="RetentionOptions.Enabled"/>.
/// </summary>
public sealed partial class RetentionWorker : BackgroundService
{
    /// <summary>The job name claimed per tenant.</summary>
    public const string JobName = "personal-data.retention";

    /// <summary>The actor written to the audit log.</summary>
    public const string Actor = "system:retention";

    private readonly IServiceScopeFactory scopes;
    private readonly IOptionsMonitor<AiLiteracyServerOptions> options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<RetentionWorker> logger;
    private readonly string holderId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Creates the worker.</summary>
    /// <param name="scopes">Scope factory.</param>
    /// <param name="options">Server options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">Logger.</param>
    public RetentionWorker(IServiceScopeFactory scopes, IOptionsMonitor<AiLiteracyServerOptions> options, TimeProvider timeProvider, ILogger<RetentionWorker> logger)
    {
        this.scopes = scopes;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue.Retention;
            if (settings.Enabled)
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

        var results = new Dictionary<string, RetentionResult>(StringComparer.Ordinal);
        foreach (var tenant in tenants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await RunForTenantAsync(tenant.Id, cancellationToken).ConfigureAwait(false) is { } result)
                {
                    results[tenant.Id] = result;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTenantFailed(logger, tenant.Id, ex);
            }
        }

        return results;
    }

    private async Task<RetentionResult?> RunForTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<RequestTenantContext>().Set(tenantId);
        var leases = services.GetRequiredService<IJobLeaseStore>();
        if (!await leases.TryClaimAsync(JobName, holderId, settings.Lease, settings.Interval, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        using var activity = ServerTelemetry.ActivitySource.StartActivity("ailiteracy.retention");
        activity?.SetTag("ailiteracy.tenant", tenantId);
        try
        {
            var result = await services.GetRequiredService<PersonalDataService>()
                .ApplyRetentionAsync(settings.YearsAfterLeaving, Actor, cancellationToken).ConfigureAwait(false);
            await leases.CompleteAsync(JobName, holderId, CancellationToken.None).ConfigureAwait(false);
            LogRetentionApplied(logger, tenantId, result.Erased, result.LeftBefore);
            return result;
        }
        catch
        {
            await leases.ReleaseAsync(JobName, holderId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Retention applied for tenant {TenantId}: {Erased} agents who left before {LeftBefore} erased")]
    private static partial void LogRetentionApplied(ILogger logger, string tenantId, int erased, DateOnly leftBefore);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "Retention run failed for tenant {TenantId}; it will be retried at the next check")]
    private static partial void LogTenantFailed(ILogger logger, string tenantId, Exception exception);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Retention check failed; it will be retried at the next check")]
    private static partial void LogCycleFailed(ILogger logger, Exception exception);
}
