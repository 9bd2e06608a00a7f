namespace AiLiteracy.Model;

/// <summary>
/// A family of jobs (<i>famille de métiers</i>) following the CNFPT <i>répertoire des métiers territoriaux</i>
/// at the grain the authority uses; job modules target job families.
/// </summary>
public sealed record JobFamily
{
    /// <summary>Stable id, e.g. <c>rh</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The CNFPT family or specialty this family maps to, when one does.</summary>
    public string? CnfptFamily { get; init; }

    /// <summary>Typical jobs in the family.</summary>
    public LocalizedText? Description { get; init; }
}

/// <summary>The configurable list of job families of an authority.</summary>
public sealed record JobFamilyCatalog
{
    /// <summary>Version label.</summary>
    public required string Version { get; init; }

    /// <summary>Job families.</summary>
    public IReadOnlyList<JobFamily> JobFamilies { get; init; } = [];
}
