using AiLiteracy.Model;

namespace AiLiteracy.Schemas;

/// <summary>
/// The reference definitions shipped with the SDK (curriculum, competency framework, job families, charter, tool
/// registry), embedded as <c>AiLiteracy.Schemas/Reference/&lt;name&gt;.json</c>: a starting point an authority copies
/// out and adapts.
/// </summary>
public static class ReferenceContent
{
    private const string ResourcePrefix = "AiLiteracy.Schemas/Reference/";

    /// <summary>Returns the names of the embedded reference files, e.g. <c>curriculum.json</c>, in ordinal order.</summary>
    /// <returns>The file names.</returns>
    public static IReadOnlyList<string> GetFileNames() =>
        typeof(ReferenceContent).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Opens an embedded reference file (UTF-8 JSON), e.g. to copy it for an authority to edit.</summary>
    /// <param name="name">A name from <see cref="GetFileNames"/>.</param>
    /// <returns>A readable stream the caller disposes.</returns>
    /// <exception cref="FileNotFoundException">There is no reference file of that name.</exception>
    public static Stream OpenFile(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return typeof(ReferenceContent).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new FileNotFoundException(
                $"Aucun fichier de référence « {name} » / No reference file \"{name}\". Available: {string.Join(", ", GetFileNames())}.", name);
    }

    /// <summary>Validates the embedded reference files together.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The validation result.</returns>
    public static async Task<DefinitionValidationResult> ValidateAsync(CancellationToken cancellationToken = default)
    {
        var sources = new List<DefinitionSource>();
        foreach (var name in GetFileNames())
        {
            using var stream = OpenFile(name);
            sources.Add(await DefinitionSource.FromStreamAsync(name, stream, cancellationToken).ConfigureAwait(false));
        }

        return await new DefinitionValidator().ValidateAsync(sources, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads and validates the embedded reference definitions.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The reference definition set (tool registry merged into the charter).</returns>
    /// <exception cref="DefinitionValidationException">The embedded content is invalid or incomplete; the exception lists every error.</exception>
    public static async Task<DefinitionSet> LoadAsync(CancellationToken cancellationToken = default) =>
        (await ValidateAsync(cancellationToken).ConfigureAwait(false)).EnsureValid();
}
