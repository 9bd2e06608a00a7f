namespace AiLiteracy.Schemas;

/// <summary>The kinds of definition file an authority publishes.</summary>
/// <remarks>
/// In a file, the kind is the required root property <c>"kind"</c>, whose value is the kebab-case name returned by
/// <see cref="DefinitionKinds.ToKindName(DefinitionKind)"/> (<c>curriculum</c>, <c>competency-framework</c>,
/// <c>job-families</c>, <c>charter</c>, <c>tool-registry</c>).
/// </remarks>
public enum DefinitionKind
{
    /// <summary>The curriculum: tracks and modules (<c>curriculum</c>).</summary>
    Curriculum,

    /// <summary>The competency framework: domains, competencies, scale, role profiles (<c>competency-framework</c>).</summary>
    CompetencyFramework,

    /// <summary>The job families (<c>job-families</c>).</summary>
    JobFamilies,

    /// <summary>The AI charter, optionally with its tool registry inline (<c>charter</c>).</summary>
    Charter,

    /// <summary>The AI tool registry published as its own file (<c>tool-registry</c>).</summary>
    ToolRegistry,
}

/// <summary>Names and file-name conventions of <see cref="DefinitionKind"/> values.</summary>
public static class DefinitionKinds
{
    private static readonly (DefinitionKind Kind, string Name)[] Names =
    [
        (DefinitionKind.Curriculum, "curriculum"),
        (DefinitionKind.CompetencyFramework, "competency-framework"),
        (DefinitionKind.JobFamilies, "job-families"),
        (DefinitionKind.Charter, "charter"),
        (DefinitionKind.ToolRegistry, "tool-registry"),
    ];

    // Fragments of a file name that identify a kind when the "kind" property is absent; checked in this order.
    private static readonly (DefinitionKind Kind, string[] Fragments)[] FileNameFragments =
    [
        (DefinitionKind.ToolRegistry, ["tool-registry", "tool_registry", "toolregistry", "registre-outils", "outils-ia"]),
        (DefinitionKind.CompetencyFramework, ["competency-framework", "competency_framework", "competencyframework", "competenc", "referentiel-competences"]),
        (DefinitionKind.JobFamilies, ["job-famil", "job_famil", "jobfamil", "familles-metiers"]),
        (DefinitionKind.Curriculum, ["curriculum"]),
        (DefinitionKind.Charter, ["charter", "charte"]),
    ];

    /// <summary>Every kind, in the order files are usually read.</summary>
    public static IReadOnlyList<DefinitionKind> All { get; } = Names.Select(n => n.Kind).ToArray();

    /// <summary>Returns the kebab-case name used in the <c>"kind"</c> property, e.g. <c>competency-framework</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The kind name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public static string ToKindName(this DefinitionKind kind)
    {
        foreach (var (k, name) in Names)
        {
            if (k == kind)
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown definition kind.");
    }

    /// <summary>Returns the conventional file name of a kind, e.g. <c>curriculum.json</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The file name.</returns>
    public static string ToFileName(this DefinitionKind kind) => kind.ToKindName() + ".json";

    /// <summary>Parses a kind name as written in the <c>"kind"</c> property (exact, lower-case).</summary>
    /// <param name="name">The name, e.g. <c>charter</c>.</param>
    /// <param name="kind">The kind, when recognised.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> is a kind name.</returns>
    public static bool TryParse(string? name, out DefinitionKind kind)
    {
        foreach (var (k, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>
    /// Guesses the kind from a file name (<c>*curriculum*.json</c>, <c>*competency-framework*.json</c>,
    /// <c>*job-families*.json</c>, <c>*charter*.json</c>, <c>*tool-registry*.json</c>, case-insensitive); used when a file
    /// has no <c>"kind"</c> property.
    /// </summary>
    /// <param name="fileName">A file name or path.</param>
    /// <returns>The kind, or <see langword="null"/> when the name says nothing.</returns>
    public static DefinitionKind? FromFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var name = Path.GetFileName(fileName).ToLowerInvariant();
        foreach (var (kind, fragments) in FileNameFragments)
        {
            if (fragments.Any(f => name.Contains(f, StringComparison.Ordinal)))
            {
                return kind;
            }
        }

        return null;
    }
}
