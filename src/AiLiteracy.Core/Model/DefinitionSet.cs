namespace AiLiteracy.Model;

/// <summary>
/// The definitions an authority publishes, taken together: curriculum, competency framework, job families and
/// charter (with its tool registry). Engines judge agents against one set.
/// </summary>
public sealed record DefinitionSet
{
    /// <summary>The curriculum.</summary>
    public required Curriculum Curriculum { get; init; }

    /// <summary>The competency framework.</summary>
    public required CompetencyFramework CompetencyFramework { get; init; }

    /// <summary>The job families.</summary>
    public required JobFamilyCatalog JobFamilies { get; init; }

    /// <summary>The AI charter, including the tool registry in <see cref="Charter.Tools"/>.</summary>
    public required Charter Charter { get; init; }
}
