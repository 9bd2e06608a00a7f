using AiLiteracy.Definitions;
using AiLiteracy.Demo;
using AiLiteracy.Import;
using AiLiteracy.Reports;
using AiLiteracy.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiLiteracy;

/// <summary>Registers the AI Literacy use cases.</summary>
public static class AiLiteracyServiceCollectionExtensions
{
    /// <summary>
    /// Registers every use case of the SDK with its options, validated at start-up: definitions, demo and directorate
    /// status (no storage needed); the tenant use cases over the storage ports — agents, completions, status, charter,
    /// webhooks, personal data (<see cref="AiLiteracyServicesServiceCollectionExtensions.AddAiLiteracyServices"/>),
    /// reports (<see cref="ReportsServiceCollectionExtensions.AddAiLiteracyReports"/>) and HR/LMS imports and exports
    /// (<see cref="HrIntegrationServiceCollectionExtensions.AddAiLiteracyHrIntegration"/>). Returns a builder adapter
    /// packages extend.
    /// </summary>
    /// <remarks>
    /// The use cases over the storage ports are built by factories: the container does not check their dependencies
    /// when it is built, so a host without storage (one that only validates definition files, say) passes
    /// <c>ValidateOnBuild</c>, and such a use case fails only if it is resolved there. Register a storage
    /// (<c>AddAiLiteracyStorage(...)</c>) to use them. Calling this method again only adds its <paramref name="configure"/>
    /// callback.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options (a host may also bind them from the <c>AiLiteracy</c> configuration section).</param>
    /// <returns>The builder.</returns>
    public static AiLiteracyBuilder AddAiLiteracy(this IServiceCollection services, Action<AiLiteracyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AiLiteracyOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(AiLiteracyMarker)))
        {
            return new AiLiteracyBuilder(services);
        }

        services.AddSingleton<AiLiteracyMarker>();
        options.ValidateDataAnnotations().ValidateOnStart();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DefinitionService>();
        services.TryAddSingleton<DemoService>();
        services.TryAddSingleton<StatusReportService>();

        var first = services.Count;
        services.AddAiLiteracyServices();
        services.AddAiLiteracyReports();
        services.AddAiLiteracyHrIntegration();
        ServiceRegistration.BuildLazily(services, first);
        return new AiLiteracyBuilder(services);
    }

    /// <summary>Marks a collection <see cref="AddAiLiteracy"/> already ran on: a second call only adds its <c>configure</c> callback.</summary>
    private sealed class AiLiteracyMarker;
}
