using AiLiteracy.Model;

namespace AiLiteracy.Schemas;

/// <summary>One definition file as the validator understood it.</summary>
public sealed record DefinitionDocument
{
    /// <summary>The file name or path.</summary>
    public required string File { get; init; }

    /// <summary>The kind, when it could be determined.</summary>
    public DefinitionKind? Kind { get; init; }

    /// <summary>
    /// The parsed model (<see cref="Model.Curriculum"/>, <see cref="Model.CompetencyFramework"/>,
    /// <see cref="JobFamilyCatalog"/>, <see cref="Model.Charter"/> or <see cref="Model.ToolRegistry"/>) when the
    /// file matched its schema; <see langword="null"/> otherwise.
    /// </summary>
    public object? Value { get; init; }

    /// <summary>Whether no error was reported for this file.</summary>
    public required bool IsValid { get; init; }
}

/// <summary>The outcome of validating a set of definition files.</summary>
public sealed class DefinitionValidationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="errors">Every error found, sorted by file then position.</param>
    /// <param name="documents">The files, in the order given.</param>
    /// <param name="definitions">The complete definition set, when there is one and no error was found.</param>
    public DefinitionValidationResult(IReadOnlyList<DefinitionError> errors, IReadOnlyList<DefinitionDocument> documents, DefinitionSet? definitions)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(documents);
        Errors = errors;
        Documents = documents;
        Definitions = definitions;
    }

    /// <summary>Whether no error was found.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Every error found, sorted by file, then line and column, then JSON path.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    /// <summary>The files validated, in the order given.</summary>
    public IReadOnlyList<DefinitionDocument> Documents { get; }

    /// <summary>
    /// The definition set, when the curriculum, competency framework, job families and charter were all given and no
    /// error was found; the tools of a tool-registry file are merged into <see cref="Charter.Tools"/>.
    /// </summary>
    public DefinitionSet? Definitions { get; }

    /// <summary>The curriculum, when given and matching its schema (possibly with other errors).</summary>
    public Curriculum? Curriculum => Get<Curriculum>(DefinitionKind.Curriculum);

    /// <summary>The competency framework, when given and matching its schema (possibly with other errors).</summary>
    public CompetencyFramework? CompetencyFramework => Get<CompetencyFramework>(DefinitionKind.CompetencyFramework);

    /// <summary>The job families, when given and matching their schema (possibly with other errors).</summary>
    public JobFamilyCatalog? JobFamilies => Get<JobFamilyCatalog>(DefinitionKind.JobFamilies);

    /// <summary>The charter as written in its file (inline tools only), when given and matching its schema.</summary>
    public Charter? Charter => Get<Charter>(DefinitionKind.Charter);

    /// <summary>The tool registry, when given as its own file and matching its schema.</summary>
    public ToolRegistry? ToolRegistry => Get<ToolRegistry>(DefinitionKind.ToolRegistry);

    /// <summary>Returns the complete definition set, or throws when there are errors or a kind is missing.</summary>
    /// <returns>The definition set.</returns>
    /// <exception cref="DefinitionValidationException">There are errors, or the curriculum, competency framework, job families or charter is missing.</exception>
    public DefinitionSet EnsureValid()
    {
        if (Definitions is { } definitions)
        {
            return definitions;
        }

        if (!IsValid)
        {
            throw new DefinitionValidationException(Errors);
        }

        var present = Documents.Where(d => d.Kind is not null).Select(d => d.Kind!.Value).ToHashSet();
        var missing = new[] { DefinitionKind.Curriculum, DefinitionKind.CompetencyFramework, DefinitionKind.JobFamilies, DefinitionKind.Charter }
            .Where(k => !present.Contains(k))
            .Select(k => new DefinitionError
            {
                File = k.ToFileName(),
                JsonPath = "$",
                Code = DefinitionErrorCodes.Missing,
                Message = new LocalizedText(
                    $"Aucun fichier de type « {k.ToKindName()} » : le jeu de définitions est incomplet.",
                    $"No file of kind \"{k.ToKindName()}\": the definition set is incomplete."),
            })
            .ToList();
        throw new DefinitionValidationException(missing);
    }

    private T? Get<T>(DefinitionKind kind)
        where T : class =>
        Documents.FirstOrDefault(d => d.Kind == kind && d.Value is T)?.Value as T;
}
