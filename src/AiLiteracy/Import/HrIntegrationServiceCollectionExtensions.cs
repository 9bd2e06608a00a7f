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
        return services;
    }
}
