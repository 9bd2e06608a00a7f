namespace AiLiteracy.Model;

/// <summary>One level of the proficiency scale.</summary>
public sealed record ProficiencyLevel
{
    /// <summary>The level number, starting at 1.</summary>
    public required int Level { get; init; }

    /// <summary>Stable id, e.g. <c>aware</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Title, e.g. « Sensibilisé ».</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>What a person at this level can do.</summary>
    public LocalizedText? Description { get; init; }
}

/// <summary>The proficiency scale (default: aware, user, advanced, referent).</summary>
public sealed record ProficiencyScale
{
    /// <summary>Levels in increasing order.</summary>
    public IReadOnlyList<ProficiencyLevel> Levels { get; init; } = [];

    /// <summary>The level from which a person is considered proficient.</summary>
    public int ProficientThreshold { get; init; } = 2;

    /// <summary>The highest level of the scale.</summary>
    public int MaxLevel => Levels.Count == 0 ? 0 : Levels.Max(l => l.Level);
}

/// <summary>A domain grouping competencies.</summary>
public sealed record CompetencyDomain
{
    /// <summary>Stable id.</summary>
    public required string Id { get; init; }

    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }
}

/// <summary>An AI-literacy competency.</summary>
public sealed record Competency
{
    /// <summary>Stable id, e.g. <c>C-PROTECT-DATA</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The domain it belongs to.</summary>
    public required string DomainId { get; init; }

    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>Description.</summary>
    public LocalizedText? Description { get; init; }

    /// <summary>Alignment with external frameworks, e.g. <c>DigComp 2.2: 2.6</c> or a Pix item.</summary>
    public IReadOnlyList<string> Alignments { get; init; } = [];
}

/// <summary>A competency and the level a role profile requires.</summary>
/// <param name="CompetencyId">The competency id.</param>
/// <param name="Level">The required level.</param>
public sealed record CompetencyRequirement(string CompetencyId, int Level);

/// <summary>Which competencies at which level a job family or a role needs.</summary>
public sealed record RoleProfile
{
    /// <summary>Stable id.</summary>
    public required string Id { get; init; }

    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The job family this profile applies to, if any.</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>The role this profile applies to, if any; a profile with neither applies to every agent.</summary>
    public AgentRoles? Role { get; init; }

    /// <summary>Required competencies and levels.</summary>
    public IReadOnlyList<CompetencyRequirement> Requirements { get; init; } = [];

    /// <summary>Whether the profile applies to <paramref name="agent"/>.</summary>
    /// <param name="agent">The agent.</param>
    /// <returns><see langword="true"/> when it applies.</returns>
    public bool AppliesTo(Agent agent) =>
        (JobFamilyId is null || string.Equals(JobFamilyId, agent.JobFamilyId, StringComparison.Ordinal))
        && (Role is null || agent.HasRole(Role.Value));
}

/// <summary>The competency framework: domains, competencies, scale and role profiles.</summary>
public sealed record CompetencyFramework
{
    /// <summary>Framework id.</summary>
    public required string Id { get; init; }

    /// <summary>Version label.</summary>
    public required string Version { get; init; }

    /// <summary>Title.</summary>
    public required LocalizedText Title { get; init; }

    /// <summary>The proficiency scale.</summary>
    public required ProficiencyScale Scale { get; init; }

    /// <summary>Domains.</summary>
    public IReadOnlyList<CompetencyDomain> Domains { get; init; } = [];

    /// <summary>Competencies.</summary>
    public IReadOnlyList<Competency> Competencies { get; init; } = [];

    /// <summary>Role profiles.</summary>
    public IReadOnlyList<RoleProfile> RoleProfiles { get; init; } = [];
}

/// <summary>How a piece of evidence was obtained.</summary>
public enum EvidenceKind
{
    /// <summary>A module completion.</summary>
    Completion,
    /// <summary>An assessment (quiz, practical test).</summary>
    Assessment,
    /// <summary>Validation by an AI referent.</summary>
    ReferentValidation,
    /// <summary>Recognition of prior learning.</summary>
    PriorLearning,
}

/// <summary>
/// An entry of the append-only evidence log: levels are derived from evidence, never edited.
/// </summary>
public sealed record Evidence
{
    /// <summary>Stable id of the entry.</summary>
    public required string Id { get; init; }

    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The competency evidenced.</summary>
    public required string CompetencyId { get; init; }

    /// <summary>The level evidenced.</summary>
    public required int Level { get; init; }

    /// <summary>How it was obtained.</summary>
    public EvidenceKind Kind { get; init; } = EvidenceKind.Completion;

    /// <summary>Date obtained.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Reference to the source (completion id, module id, assessor's employee number).</summary>
    public string? Reference { get; init; }
}
