using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiLiteracy.Reports;

/// <summary>Registers the report use cases.</summary>
public static class ReportsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the reports over the storage ports: <see cref="AuthorityReportService"/> (scoped),
    /// <see cref="ReportSnapshotCache"/> (singleton) and <see cref="AiLiteracyReportOptions"/> (validated at start-up).
    /// Requires the use-case services (<c>AddAiLiteracyServices()</c>) and a storage. A host that can open a scope for a
    /// tenant also registers an <see cref="IReportScopeFactory"/> so that stale snapshots are rebuilt in the background.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options (a host may also bind them from <c>AiLiteracy:Reports</c>).</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddAiLiteracyReports(this IServiceCollection services, Action<AiLiteracyReportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AiLiteracyReportOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<AiLiteracyOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ReportSnapshotCache(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<AiLiteracyReportOptions>>(),
            sp.GetService<IReportScopeFactory>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<ReportSnapshotCache>>()));
        services.TryAddScoped<AuthorityReportService>();
        return services;
    }
}
