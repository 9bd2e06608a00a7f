using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiLiteracy.Import;

/// <summary>Registers the import of an HR system's CSV export on the <c>AddAiLiteracy()</c> builder.</summary>
public static class HrCsvAiLiteracyBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="HrCsvImporter"/> (scoped) over the HR integration use cases, with its options validated
    /// when the host starts. A storage is needed (<c>.UseSqlite(path)</c> or <c>.UsePostgreSql(connection)</c>).
    /// </summary>
    /// <param name="builder">The AI Literacy builder.</param>
    /// <param name="configure">Sets the agents file, mapping file and mode.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static AiLiteracyBuilder AddHrCsv(this AiLiteracyBuilder builder, Action<HrCsvOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<HrCsvOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        return AddCore(builder);
    }

    /// <summary>Registers the HR CSV import with options bound from <paramref name="configuration"/> (usually the <c>AiLiteracy:Hr:Csv</c> section).</summary>
    /// <param name="builder">The AI Literacy builder.</param>
    /// <param name="configuration">The section holding <c>AgentsFile</c>, <c>MappingFile</c>, <c>Mode</c>….</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static AiLiteracyBuilder AddHrCsv(this AiLiteracyBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<HrCsvOptions>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        return AddCore(builder);
    }

    private static AiLiteracyBuilder AddCore(AiLiteracyBuilder builder)
    {
        builder.Services.AddAiLiteracyHrIntegration();
        builder.Services.TryAddScoped<HrCsvImporter>();
        return builder;
    }
}
