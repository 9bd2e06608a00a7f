using System.Collections.Concurrent;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Schemas;
using PortKind = AiLiteracy.Ports.DefinitionKind;
using SchemaKind = AiLiteracy.Schemas.DefinitionKind;

namespace AiLiteracy.Services;

/// <summary>The definitions in force for a tenant, compiled for the engines.</summary>
public sealed record TenantDefinitions
{
    /// <summary>The definition set.</summary>
    public required DefinitionSet Set { get; init; }

    /// <summary>The compiled definitions (shared, thread-safe).</summary>
    public required CompiledDefinitions Compiled { get; init; }

    /// <summary>The storage version of each stored document; absent kinds come from the reference content.</summary>
    public required IReadOnlyDictionary<PortKind, int> Versions { get; init; }

    /// <summary>Kinds taken from the embedded reference content because the tenant saved none.</summary>
    public required IReadOnlyList<PortKind> ReferenceKinds { get; init; }
}

/// <summary>
/// Caches the compiled definitions of each tenant. A cached entry is trusted for <see cref="RefreshInterval"/>, then
/// checked against the stored versions (hashes) and rebuilt only when one changed; saving through
/// <see cref="TenantDefinitionService"/> invalidates the entry at once. Register as a singleton.
/// </summary>
public sealed class DefinitionCatalog
{
    private static readonly Lazy<Task<IReadOnlyDictionary<SchemaKind, string>>> ReferenceFiles = new(LoadReferenceFilesAsync);
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the catalog.</summary>
    /// <param name="timeProvider">The clock.</param>
    public DefinitionCatalog(TimeProvider timeProvider) => this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    /// <summary>How long an entry is trusted before its versions are checked again. Default: 5 seconds.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Maps a storage kind to the schema kind of the same name.</summary>
    /// <param name="kind">The storage kind.</param>
    /// <returns>The schema kind.</returns>
    public static SchemaKind ToSchemaKind(PortKind kind) => Enum.Parse<SchemaKind>(kind.ToString());

    /// <summary>Returns the reference document of a kind (UTF-8 JSON text), or <see langword="null"/> when the reference content has none.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The document.</returns>
    public static async Task<string?> GetReferenceDocumentAsync(PortKind kind) =>
        (await ReferenceFiles.Value.ConfigureAwait(false)).GetValueOrDefault(ToSchemaKind(kind));

    /// <summary>Gets the definitions in force for <paramref name="tenantId"/>.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="repository">The tenant's definition repository.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The definitions.</returns>
    /// <exception cref="ConflictException">The stored documents no longer form a valid set.</exception>
    public async Task<TenantDefinitions> GetAsync(string tenantId, IDefinitionRepository repository, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(repository);
        var now = timeProvider.GetUtcNow();
        if (entries.TryGetValue(tenantId, out var entry) && entry.CheckedAt + RefreshInterval > now)
        {
            return entry.Definitions;
        }

        var stored = new Dictionary<PortKind, StoredDefinition>();
        foreach (var kind in Enum.GetValues<PortKind>())
        {
            if (await repository.GetCurrentAsync(kind, cancellationToken).ConfigureAwait(false) is { } document)
            {
                stored[kind] = document;
            }
        }

        var fingerprint = string.Join('|', stored.OrderBy(p => p.Key).Select(p => p.Key + ":" + p.Value.Info.Hash));
        if (entry is not null && entry.Fingerprint == fingerprint)
        {
            entries[tenantId] = entry with { CheckedAt = now };
            return entry.Definitions;
        }

        var built = await BuildAsync(stored, cancellationToken).ConfigureAwait(false);
        entries[tenantId] = new Entry(built, fingerprint, now);
        return built;
    }

    /// <summary>Validates a set made of the tenant's stored documents with <paramref name="replacement"/> in place of its kind.</summary>
    /// <param name="repository">The tenant's definition repository.</param>
    /// <param name="kind">The kind replaced.</param>
    /// <param name="replacement">The new document.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The validation result.</returns>
    public async Task<DefinitionValidationResult> ValidateReplacementAsync(IDefinitionRepository repository, PortKind kind, string replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var stored = new Dictionary<PortKind, string>();
        foreach (var other in Enum.GetValues<PortKind>())
        {
            if (other != kind && await repository.GetCurrentAsync(other, cancellationToken).ConfigureAwait(false) is { } document)
            {
                stored[other] = document.Json;
            }
        }

        stored[kind] = replacement;
        var sources = await SourcesAsync(stored).ConfigureAwait(false);
        return await new DefinitionValidator().ValidateAsync(sources, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the cached definitions of a tenant.</summary>
    /// <param name="tenantId">The tenant id.</param>
    public void Invalidate(string tenantId) => entries.TryRemove(tenantId, out _);

    private static async Task<TenantDefinitions> BuildAsync(Dictionary<PortKind, StoredDefinition> stored, CancellationToken cancellationToken)
    {
        var sources = await SourcesAsync(stored.ToDictionary(p => p.Key, p => p.Value.Json)).ConfigureAwait(false);
        var result = await new DefinitionValidator().ValidateAsync(sources, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid || result.Definitions is null)
        {
            throw new ConflictException(new LocalizedText(
                "Les définitions enregistrées ne forment plus un ensemble valide : " + string.Join(" ; ", result.Errors.Take(5).Select(e => e.ToString("fr"))),
                "The stored definitions no longer form a valid set: " + string.Join("; ", result.Errors.Take(5).Select(e => e.ToString("en")))));
        }

        var referenceKinds = Enum.GetValues<PortKind>().Where(k => !stored.ContainsKey(k)).ToArray();
        return new TenantDefinitions
        {
            Set = result.Definitions,
            Compiled = CompiledDefinitions.Compile(result.Definitions),
            Versions = stored.ToDictionary(p => p.Key, p => p.Value.Info.Version),
            ReferenceKinds = referenceKinds,
        };
    }

    private static async Task<List<DefinitionSource>> SourcesAsync(IReadOnlyDictionary<PortKind, string> documents)
    {
        var reference = await ReferenceFiles.Value.ConfigureAwait(false);
        var sources = new List<DefinitionSource>();
        foreach (var kind in Enum.GetValues<PortKind>())
        {
            var schemaKind = ToSchemaKind(kind);
            if (documents.TryGetValue(kind, out var json))
            {
                sources.Add(new DefinitionSource(schemaKind.ToFileName(), json));
            }
            else if (reference.TryGetValue(schemaKind, out var referenceJson)
                && !(kind == PortKind.ToolRegistry && documents.ContainsKey(PortKind.Charter)))
            {
                // The reference tool registry is merged only while the charter is the reference one too: an authority's
                // own charter carries its own registry (inline, or saved as its own tool registry document).
                sources.Add(new DefinitionSource(schemaKind.ToFileName(), referenceJson));
            }
        }

        return sources;
    }

    private static async Task<IReadOnlyDictionary<SchemaKind, string>> LoadReferenceFilesAsync()
    {
        var files = new Dictionary<SchemaKind, string>();
        foreach (var name in ReferenceContent.GetFileNames())
        {
            if (DefinitionKinds.FromFileName(name) is not { } kind)
            {
                continue;
            }

            await using var stream = ReferenceContent.OpenFile(name);
            using var reader = new StreamReader(stream);
            files[kind] = await reader.ReadToEndAsync().ConfigureAwait(false);
        }

        return files;
    }

    private sealed record Entry(TenantDefinitions Definitions, string Fingerprint, DateTimeOffset CheckedAt);
}
