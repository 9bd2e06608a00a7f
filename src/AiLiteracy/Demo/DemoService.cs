using AiLiteracy.Authority;
using AiLiteracy.Definitions;
using AiLiteracy.Hr.Csv;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Demo;

/// <summary>Where demo data came from.</summary>
/// <param name="Data">The demo authority.</param>
/// <param name="Errors">Rows rejected while reading the data folder.</param>
/// <param name="Source">The folder read, or <see langword="null"/> when the data was generated in memory.</param>
public sealed record DemoData(AuthorityData Data, IReadOnlyList<CsvRowError> Errors, string? Source);

/// <summary>Loads, generates and writes the demo authority (« Communauté d'agglomération du Val de Brume »).</summary>
public class DemoService
{
    private readonly DefinitionService definitions;
    private readonly ILogger<DemoService> logger;

    /// <summary>Creates the service.</summary>
    /// <param name="definitions">The definitions service.</param>
    /// <param name="logger">The logger.</param>
    public DemoService(DefinitionService definitions, ILogger<DemoService> logger)
    {
        this.definitions = definitions ?? throw new ArgumentNullException(nameof(definitions));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Generates the demo authority in memory, deterministically, against the curriculum in force.</summary>
    /// <param name="options">Generation options; defaults give the published demo data.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The demo authority.</returns>
    public virtual async Task<AuthorityData> GenerateAsync(DemoAuthorityOptions? options = null, CancellationToken cancellationToken = default)
    {
        var set = await definitions.GetDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        var demo = new DemoAuthorityGenerator(set.Curriculum).Generate(options);
        return new AuthorityData
        {
            Organization = demo.Organization,
            Agents = demo.Agents,
            Completions = demo.Completions,
            Acknowledgements = demo.Acknowledgements,
        };
    }

    /// <summary>
    /// Reads the demo authority from a data folder when it exists (rejected rows reported), otherwise generates it.
    /// </summary>
    /// <param name="directory">The data folder (e.g. <c>samples/data</c>), or <see langword="null"/> to generate.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The data, the rejected rows and where it came from.</returns>
    public virtual async Task<DemoData> LoadAsync(string? directory, CancellationToken cancellationToken = default)
    {
        if (directory is not null && File.Exists(Path.Combine(directory, AuthorityDataFiles.OrganizationFile)))
        {
            var result = await AuthorityDataFiles.ReadAsync(directory, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Read the demo authority from {Directory}: {AgentCount} agents, {RejectedCount} rows rejected",
                directory, result.Data.Agents.Count, result.Errors.Count);
            return new DemoData(result.Data, result.Errors, directory);
        }

        var generated = await GenerateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Generated the demo authority in memory: {AgentCount} agents", generated.Agents.Count);
        return new DemoData(generated, [], null);
    }

    /// <summary>Generates the demo authority and writes it to a data folder in the HR CSV shapes.</summary>
    /// <param name="directory">The destination folder (created when missing).</param>
    /// <param name="options">Generation options.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The data written.</returns>
    public virtual async Task<AuthorityData> WriteAsync(string directory, DemoAuthorityOptions? options = null, CancellationToken cancellationToken = default)
    {
        var data = await GenerateAsync(options, cancellationToken).ConfigureAwait(false);
        await AuthorityDataFiles.WriteAsync(directory, data, cancellationToken).ConfigureAwait(false);
        return data;
    }
}
