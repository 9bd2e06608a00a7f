using AiLiteracy.Model;

namespace AiLiteracy.Ports;

/// <summary>The kinds of definition documents an authority publishes.</summary>
public enum DefinitionKind
{
    /// <summary>The curriculum (<see cref="Model.Curriculum"/>).</summary>
    Curriculum,
    /// <summary>The competency framework (<see cref="Model.CompetencyFramework"/>).</summary>
    CompetencyFramework,
    /// <summary>The job family catalogue (<see cref="JobFamilyCatalog"/>).</summary>
    JobFamilies,
    /// <summary>The AI charter (<see cref="Model.Charter"/>).</summary>
    Charter,
    /// <summary>A tool registry published on its own (<see cref="Model.ToolRegistry"/>).</summary>
    ToolRegistry,
}

/// <summary>A stored version of a definition document, without its content.</summary>
public sealed record DefinitionVersionInfo
{
    /// <summary>The kind of document.</summary>
    public required DefinitionKind Kind { get; init; }

    /// <summary>The storage version, 1 for the first document saved and incremented by each change.</summary>
    public required int Version { get; init; }

    /// <summary>The document's own version label (e.g. <c>2026.1</c>, or the charter version number).</summary>
    public string? Label { get; init; }

    /// <summary>Lower-case hexadecimal SHA-256 of the document's UTF-8 text.</summary>
    public required string Hash { get; init; }

    /// <summary>When this version was saved.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A stored version of a definition document with its JSON content.</summary>
public sealed record StoredDefinition
{
    /// <summary>Version metadata.</summary>
    public required DefinitionVersionInfo Info { get; init; }

    /// <summary>The validated JSON document, exactly as saved.</summary>
    public required string Json { get; init; }
}

/// <summary>The result of saving a definition document.</summary>
/// <param name="Definition">The current version after the save.</param>
/// <param name="Created"><see langword="true"/> when a new version was stored; <see langword="false"/> when the document was identical to the current version.</param>
public sealed record DefinitionSaveResult(StoredDefinition Definition, bool Created);

/// <summary>A module of the current curriculum, as lists and drop-downs need it.</summary>
public sealed record ModuleSummary
{
    /// <summary>Module id, e.g. <c>TC-01</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Module content version.</summary>
    public required int Version { get; init; }

    /// <summary>Track.</summary>
    public required TrackKind Track { get; init; }

    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Duration in hours.</summary>
    public decimal DurationHours { get; init; }

    /// <summary>Months after which a completion expires, or <see langword="null"/> when it never does.</summary>
    public int? ValidityMonths { get; init; }

    /// <summary>Whether the module is required for its audience.</summary>
    public bool Required { get; init; }

    /// <summary>The storage version of the curriculum document the module comes from.</summary>
    public required int CurriculumVersion { get; init; }
}

/// <summary>
/// The versioned definition documents of the current tenant (curriculum, competency framework, job families, charter,
/// tool registry). Documents are validated before they are saved; every change is a new version, never an edit.
/// </summary>
public interface IDefinitionRepository
{
    /// <summary>Saves <paramref name="json"/> as the new current version of <paramref name="kind"/>, unless it is identical to the current version.</summary>
    /// <param name="kind">The kind of document.</param>
    /// <param name="json">The validated JSON document (AI Literacy JSON conventions).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The current version and whether a new one was stored.</returns>
    /// <exception cref="ArgumentException">The JSON is not a document of <paramref name="kind"/>.</exception>
    Task<DefinitionSaveResult> SaveAsync(DefinitionKind kind, string json, CancellationToken cancellationToken = default);

    /// <summary>Gets the current (latest) version of a kind.</summary>
    /// <param name="kind">The kind of document.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The document, or <see langword="null"/> when none was saved.</returns>
    Task<StoredDefinition?> GetCurrentAsync(DefinitionKind kind, CancellationToken cancellationToken = default);

    /// <summary>Gets a given version of a kind.</summary>
    /// <param name="kind">The kind of document.</param>
    /// <param name="version">The storage version.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The document, or <see langword="null"/> when that version does not exist.</returns>
    Task<StoredDefinition?> GetVersionAsync(DefinitionKind kind, int version, CancellationToken cancellationToken = default);

    /// <summary>Lists the stored versions of a kind, newest first.</summary>
    /// <param name="kind">The kind of document.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The versions.</returns>
    Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(DefinitionKind kind, CancellationToken cancellationToken = default);

    /// <summary>Lists the modules of the current curriculum, by track then id.</summary>
    /// <param name="track">Only modules of this track, when set.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The modules; empty when no curriculum was saved.</returns>
    Task<IReadOnlyList<ModuleSummary>> ListModulesAsync(TrackKind? track = null, CancellationToken cancellationToken = default);
}
