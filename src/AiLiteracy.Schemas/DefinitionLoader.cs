using AiLiteracy.Model;

namespace AiLiteracy.Schemas;

/// <summary>Reads definition files from disk and validates them with <see cref="DefinitionValidator"/>.</summary>
public static class DefinitionLoader
{
    /// <summary>
    /// Reads and validates every <c>*.json</c> file of a directory (not its subdirectories; <c>*.schema.json</c>
    /// files are skipped), in file-name order.
    /// </summary>
    /// <param name="path">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The validation result; a missing, unreadable or empty directory is reported as an <c>AIL-IO</c> error.</returns>
    public static Task<DefinitionValidationResult> LoadDirectoryAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        List<string> files;
        try
        {
            files = Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*.json", SearchOption.TopDirectoryOnly)
                    .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList()
                : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(IoFailure(path, ex.Message));
        }

        if (files.Count == 0)
        {
            return Task.FromResult(Directory.Exists(path)
                ? IoFailure(path, "no *.json file", "aucun fichier *.json")
                : IoFailure(path, "directory not found", "répertoire introuvable"));
        }

        return LoadFilesAsync(files, cancellationToken);
    }

    /// <summary>Reads and validates the given files together.</summary>
    /// <param name="paths">The file paths; each path is the name shown in errors.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The validation result; a file that cannot be read is reported as an <c>AIL-IO</c> error.</returns>
    public static Task<DefinitionValidationResult> LoadFilesAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default) =>
        LoadFilesAsync(paths, new DefinitionValidator(), cancellationToken);

    /// <summary>Reads the given files and validates them together with <paramref name="validator"/>.</summary>
    /// <param name="paths">The file paths; each path is the name shown in errors.</param>
    /// <param name="validator">The validator to use.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The validation result; a file that cannot be read is reported as an <c>AIL-IO</c> error.</returns>
    public static async Task<DefinitionValidationResult> LoadFilesAsync(IEnumerable<string> paths, DefinitionValidator validator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(validator);
        var sources = new List<DefinitionSource>();
        var failures = new List<DefinitionError>();
        foreach (var path in paths)
        {
            try
            {
                sources.Add(await DefinitionSource.FromFileAsync(path, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                failures.Add(IoError(path, ex.Message, "lecture impossible"));
            }
        }

        var result = await validator.ValidateAsync(sources, cancellationToken).ConfigureAwait(false);
        if (failures.Count == 0)
        {
            return result;
        }

        var errors = result.Errors.Concat(failures).ToList();
        var documents = result.Documents.Select(d => (d.File, d.Kind, d.Value))
            .Concat(failures.Select(f => (f.File, (DefinitionKind?)null, (object?)null)));
        return DefinitionValidator.BuildResult(errors, documents);
    }

    private static DefinitionValidationResult IoFailure(string path, string detail, string? detailFr = null) =>
        DefinitionValidator.BuildResult([IoError(path, detail, detailFr ?? "lecture impossible")], [(path, null, null)]);

    private static DefinitionError IoError(string path, string detail, string detailFr) => new()
    {
        File = path,
        JsonPath = "$",
        Code = DefinitionErrorCodes.Io,
        Message = new LocalizedText($"Impossible de lire « {path} » ({detailFr}) : {detail}", $"Cannot read \"{path}\": {detail}"),
    };
}
