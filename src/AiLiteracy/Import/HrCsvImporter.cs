using AiLiteracy.Hr.Mapping;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Import;

/// <summary>
/// Imports the HR agents export configured in <see cref="HrCsvOptions"/> for the current tenant, through
/// <see cref="AgentImportService"/> (streaming, batched, with the deactivation safety stop). A scheduled job or a
/// worker calls it; registered by <see cref="HrCsvAiLiteracyBuilderExtensions.AddHrCsv(AiLiteracyBuilder, Action{HrCsvOptions})"/>.
/// </summary>
public class HrCsvImporter
{
    private readonly AgentImportService imports;
    private readonly IOptionsMonitor<HrCsvOptions> options;

    /// <summary>Creates the importer.</summary>
    /// <param name="imports">The agents import use case.</param>
    /// <param name="options">The file, mapping and mode.</param>
    public HrCsvImporter(AgentImportService imports, IOptionsMonitor<HrCsvOptions> options)
    {
        this.imports = imports;
        this.options = options;
    }

    /// <summary>Imports the configured agents file (the options are read at each call, so a reloaded configuration applies).</summary>
    /// <param name="dryRun">Only reads, checks and counts what would change.</param>
    /// <param name="cancellationToken">Cancels the import; batches already committed stay.</param>
    /// <returns>The import report: counts, rejected rows with line and column, safety stop.</returns>
    /// <exception cref="FileNotFoundException">The agents file does not exist.</exception>
    public virtual async Task<AgentImportReport> ImportAgentsAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var current = options.CurrentValue;
        if (!File.Exists(current.AgentsFile))
        {
            throw new FileNotFoundException($"Fichier d'export RH introuvable / HR export not found: {current.AgentsFile}", current.AgentsFile);
        }

        var mapping = current.MappingFile is { Length: > 0 } path
            ? await HrMappingLoader.LoadAsync(path, cancellationToken).ConfigureAwait(false)
            : HrMapping.DefaultAgents;
        return await imports.ImportFileAsync(current.AgentsFile, new AgentImportOptions
        {
            Mapping = mapping,
            Mode = current.Mode,
            DryRun = dryRun,
            MaxDeactivationShare = current.MaxDeactivationShare,
            Actor = current.Actor,
        }, progress: null, cancellationToken).ConfigureAwait(false);
    }
}
