using System.Diagnostics;
using AiLiteracy.Model;
using AiLiteracy.Schemas;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Definitions;

/// <summary>
/// Validates an authority's definition files and provides the definitions in force: the authority's own files
/// (<see cref="AiLiteracyOptions.DefinitionsPath"/>) or the embedded reference content.
/// </summary>
public class DefinitionService
{
    private readonly IOptions<AiLiteracyOptions> options;
    private readonly ILogger<DefinitionService> logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private DefinitionSet? current;

    /// <summary>Creates the service.</summary>
    /// <param name="options">The SDK options.</param>
    /// <param name="logger">The logger.</param>
    public DefinitionService(IOptions<AiLiteracyOptions> options, ILogger<DefinitionService> logger)
    {
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Validates definition files together (cross-file references are checked between the files given). A path
    /// that is a folder stands for every <c>*.json</c> file in it.
    /// </summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>Every error found, with file, line and JSON path.</returns>
    public virtual async Task<DefinitionValidationResult> ValidateFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        using var activity = AiLiteracyTelemetry.ActivitySource.StartActivity("definitions.validate");
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(path);
            }
        }

        var result = await DefinitionLoader.LoadFilesAsync(files, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("ailiteracy.files", files.Count);
        activity?.SetTag("ailiteracy.errors", result.Errors.Count);
        logger.LogInformation("Validated {FileCount} definition files: {ErrorCount} errors", files.Count, result.Errors.Count);
        return result;
    }

    /// <summary>
    /// The definitions in force: loaded once from <see cref="AiLiteracyOptions.DefinitionsPath"/> when set, else
    /// the embedded reference content.
    /// </summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The validated definition set.</returns>
    /// <exception cref="DefinitionValidationException">The authority's files are invalid; the exception lists every error.</exception>
    public virtual async Task<DefinitionSet> GetDefinitionsAsync(CancellationToken cancellationToken = default)
    {
        if (current is not null)
        {
            return current;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (current is null)
            {
                var path = options.Value.DefinitionsPath;
                if (string.IsNullOrWhiteSpace(path))
                {
                    current = await ReferenceContent.LoadAsync(cancellationToken).ConfigureAwait(false);
                    logger.LogInformation("Using the embedded reference definitions (curriculum {Version})", current.Curriculum.Version);
                }
                else
                {
                    var result = await DefinitionLoader.LoadDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
                    current = result.EnsureValid();
                    logger.LogInformation("Loaded the authority's definitions from {Path} (curriculum {Version})", path, current.Curriculum.Version);
                }
            }

            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Copies the embedded reference definition files into a folder, for an authority to edit.</summary>
    /// <param name="directory">The destination folder (created when missing).</param>
    /// <param name="overwrite">Whether to replace existing files.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="IOException">A file exists and <paramref name="overwrite"/> is <see langword="false"/>.</exception>
    public virtual async Task<IReadOnlyList<string>> ExportReferenceAsync(string directory, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var name in ReferenceContent.GetFileNames())
        {
            var target = Path.Combine(directory, name);
            if (File.Exists(target) && !overwrite)
            {
                throw new IOException($"Le fichier « {target} » existe déjà (utilisez --force pour le remplacer). / File '{target}' already exists (use --force to replace it).");
            }

            await using var source = ReferenceContent.OpenFile(name);
            await using var destination = File.Create(target);
            await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            written.Add(target);
        }

        Debug.Assert(written.Count > 0, "The reference content is embedded.");
        return written;
    }
}
