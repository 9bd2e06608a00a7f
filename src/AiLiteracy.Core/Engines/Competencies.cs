using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>Where a competency level comes from.</summary>
/// <param name="Kind">The kind of evidence.</param>
/// <param name="Date">The date it was obtained.</param>
/// <param name="Reference">The evidence entry id, or the completion's module id for levels derived from completions.</param>
public sealed record CompetencySource(EvidenceKind Kind, DateOnly Date, string? Reference);

/// <summary>An agent's level in one competency.</summary>
public sealed record CompetencyLevel
{
    /// <summary>The competency id.</summary>
    public required string CompetencyId { get; init; }

    /// <summary>The competency, or <see langword="null"/> when the framework does not define the evidenced id.</summary>
    public Competency? Competency { get; init; }

    /// <summary>The highest level evidenced (0 when none).</summary>
    public required int Level { get; init; }

    /// <summary>Whether <see cref="Level"/> reaches the scale's proficient threshold.</summary>
    public required bool IsProficient { get; init; }

    /// <summary>The level the applicable role profiles require (0 when none).</summary>
    public int RequiredLevel { get; init; }

    /// <summary>The evidence of <see cref="Level"/> (the latest at that level), when any.</summary>
    public CompetencySource? Source { get; init; }
}

/// <summary>A competency an agent lacks at the level the role profiles require.</summary>
/// <param name="CompetencyId">The competency id.</param>
/// <param name="CurrentLevel">The agent's level (0 when none).</param>
/// <param name="RequiredLevel">The highest level required across the applicable profiles.</param>
/// <param name="RoleProfileIds">The profiles requiring that level.</param>
public sealed record CompetencyGap(string CompetencyId, int CurrentLevel, int RequiredLevel, IReadOnlyList<string> RoleProfileIds);

/// <summary>An agent's competency levels and gaps against the applicable role profiles.</summary>
public sealed record CompetencyProfile
{
    /// <summary>The agent.</summary>
    public required Agent Agent { get; init; }

    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The scale's proficient threshold.</summary>
    public required int ProficientThreshold { get; init; }

    /// <summary>The role profiles that apply to the agent.</summary>
    public required IReadOnlyList<string> RoleProfileIds { get; init; }

    /// <summary>Every competency evidenced or required, in framework order (ids unknown to the framework last).</summary>
    public required IReadOnlyList<CompetencyLevel> Levels { get; init; }

    /// <summary>Competencies below the required level, in framework order.</summary>
    public required IReadOnlyList<CompetencyGap> Gaps { get; init; }

    /// <summary>Whether the agent meets every applicable role profile.</summary>
    public bool MeetsProfiles => Gaps.Count == 0;

    /// <summary>The agent's level in a competency.</summary>
    /// <param name="competencyId">The competency id.</param>
    /// <returns>The level, 0 when not evidenced.</returns>
    public int LevelOf(string competencyId)
    {
        foreach (var level in Levels)
        {
            if (string.Equals(level.CompetencyId, competencyId, StringComparison.Ordinal))
            {
                return level.Level;
            }
        }

        return 0;
    }
}

/// <summary>
/// Derives competency levels from the evidence log and from counting completions (a counting completion of a module
/// evidences each of the module's competencies at the module's level, whether or not it has since expired: expiry
/// governs requirements, not what was learnt), keeps the highest level per competency, and compares it with the
/// highest level any applicable <see cref="RoleProfile"/> requires. Levels are derived, never edited. Immutable and
/// thread-safe.
/// </summary>
public class CompetencyEngine
{
    private readonly Dictionary<string, int> competencyOrder;

    /// <summary>Creates the engine.</summary>
    /// <param name="definitions">The compiled definitions.</param>
    /// <param name="timeProvider">The clock giving the evaluation date.</param>
    public CompetencyEngine(CompiledDefinitions definitions, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Definitions = definitions;
        TimeProvider = timeProvider;
        var competencies = definitions.Definitions.CompetencyFramework.Competencies;
        competencyOrder = new Dictionary<string, int>(competencies.Count, StringComparer.Ordinal);
        for (var i = 0; i < competencies.Count; i++)
        {
            competencyOrder.TryAdd(competencies[i].Id, i);
        }
    }

    /// <summary>The compiled definitions.</summary>
    public CompiledDefinitions Definitions { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Evaluates an agent's competencies today.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="history">The agent's history (completions and evidence).</param>
    /// <returns>The competency profile.</returns>
    public virtual CompetencyProfile Evaluate(Agent agent, AgentHistory history)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(history);
        var framework = Definitions.Definitions.CompetencyFramework;
        var threshold = framework.Scale.ProficientThreshold;
        var evidenced = new Dictionary<string, (int Level, CompetencySource Source)>(StringComparer.Ordinal);

        foreach (var evidence in history.Evidence)
        {
            Record(evidenced, evidence.CompetencyId, evidence.Level, new CompetencySource(evidence.Kind, evidence.Date, evidence.Id));
        }

        foreach (var completion in history.Completions)
        {
            if (Definitions.FindCompiled(completion.ModuleId) is not { } module || !module.Counts(completion))
            {
                continue;
            }

            foreach (var competency in module.Module.Competencies)
            {
                Record(evidenced, competency.CompetencyId, competency.Level, new CompetencySource(EvidenceKind.Completion, completion.Date, module.Id));
            }
        }

        var required = new Dictionary<string, (int Level, List<string> Profiles)>(StringComparer.Ordinal);
        var profileIds = new List<string>();
        foreach (var profile in framework.RoleProfiles)
        {
            if (!profile.AppliesTo(agent))
            {
                continue;
            }

            profileIds.Add(profile.Id);
            foreach (var requirement in profile.Requirements)
            {
                if (!required.TryGetValue(requirement.CompetencyId, out var current) || requirement.Level > current.Level)
                {
                    required[requirement.CompetencyId] = (requirement.Level, [profile.Id]);
                }
                else if (requirement.Level == current.Level)
                {
                    current.Profiles.Add(profile.Id);
                }
            }
        }

        var ids = evidenced.Keys.Union(required.Keys, StringComparer.Ordinal)
            .OrderBy(id => competencyOrder.TryGetValue(id, out var order) ? order : int.MaxValue)
            .ThenBy(id => id, StringComparer.Ordinal)
            .ToArray();
        var levels = new List<CompetencyLevel>(ids.Length);
        var gaps = new List<CompetencyGap>();
        var competencies = framework.Competencies;
        foreach (var id in ids)
        {
            var hasLevel = evidenced.TryGetValue(id, out var level);
            var hasRequirement = required.TryGetValue(id, out var requirement);
            var current = hasLevel ? level.Level : 0;
            levels.Add(new CompetencyLevel
            {
                CompetencyId = id,
                Competency = competencyOrder.TryGetValue(id, out var index) ? competencies[index] : null,
                Level = current,
                IsProficient = current >= threshold && current > 0,
                RequiredLevel = hasRequirement ? requirement.Level : 0,
                Source = hasLevel ? level.Source : null,
            });
            if (hasRequirement && current < requirement.Level)
            {
                gaps.Add(new CompetencyGap(id, current, requirement.Level, requirement.Profiles));
            }
        }

        return new CompetencyProfile
        {
            Agent = agent,
            AsOf = EngineText.Today(TimeProvider),
            ProficientThreshold = threshold,
            RoleProfileIds = profileIds,
            Levels = levels,
            Gaps = gaps,
        };
    }

    private static void Record(Dictionary<string, (int Level, CompetencySource Source)> evidenced, string competencyId, int level, CompetencySource source)
    {
        if (level <= 0)
        {
            return;
        }

        if (!evidenced.TryGetValue(competencyId, out var current)
            || level > current.Level
            || (level == current.Level && source.Date > current.Source.Date))
        {
            evidenced[competencyId] = (level, source);
        }
    }
}
