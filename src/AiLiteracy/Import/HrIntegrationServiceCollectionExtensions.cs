using AiLiteracy.Hr.Bridge;
using AiLiteracy.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiLiteracy.Import;

/// <summary>Registers the HR and LMS integration use cases (imports and exports) the server and the CLI share.</summary>
public static class HrIntegrationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the HR and LMS integration use cases (scoped, over the storage ports): agents import, completions
    /// import (CSV, xAPI) and completions export. Also registers the use-case services they build on
    /// (<see cref="AiLiteracyServicesServiceCollectionExtensions.AddAiLiteracyServices"/>). Storage ports are
    /// registered by the storage package.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddAiLiteracyHrIntegration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAiLiteracyServices();
        services.TryAddScoped<AgentImportService>();
        services.TryAddScoped<CompletionImportService>();
        services.TryAddScoped<Export.CompletionExportService>();
        return services;
    }

    /// <summary>
    /// Registers the HR bridge client (<see cref="HrBridgeClient"/>, Refit over HttpClientFactory with retries honouring
    /// <c>Retry-After</c>, timeouts and a circuit breaker) and the HR integration use cases that push to it.
    /// </summary>
    /// <param name="builder">The AI Literacy builder.</param>
    /// <param name="configure">Sets the bridge address, API key and resilience options.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static AiLiteracyBuilder AddHrBridge(this AiLiteracyBuilder builder, Action<HrBridgeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddAiLiteracyHrIntegration();
        builder.Services.AddHrBridgeClient(configure);
        return builder;
    }
}
