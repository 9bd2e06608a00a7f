using AiLiteracy.Definitions;
using AiLiteracy.Demo;
using AiLiteracy.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiLiteracy;

/// <summary>Registers the AI Literacy use cases.</summary>
public static class AiLiteracyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AI Literacy use cases (definitions, demo, reports) with their options, validated at start-up,
    /// and returns a builder adapter packages extend (<c>.UseSqlite(path)</c>, <c>.AddHrCsv(...)</c>, …).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options (a host may also bind them from the <c>AiLiteracy</c> configuration section).</param>
    /// <returns>The builder.</returns>
    public static AiLiteracyBuilder AddAiLiteracy(this IServiceCollection services, Action<AiLiteracyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AiLiteracyOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DefinitionService>();
        services.TryAddSingleton<DemoService>();
        services.TryAddSingleton<StatusReportService>();
        return new AiLiteracyBuilder(services);
    }
}
