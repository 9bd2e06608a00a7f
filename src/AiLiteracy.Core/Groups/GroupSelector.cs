using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Groups;

/// <summary>
/// A condition over an agent that decides membership of a group: cleared, holds a role, completed a track or a
/// module, misses a module, works under an org unit, belongs to a job family, or a combination of those. Selectors
/// are immutable values; <see cref="Matches"/> is cheap and formats no text, <see cref="Explain"/> builds the French
/// and English explanation on demand (only for the changes of a plan).
/// </summary>
public abstract record GroupSelector
{
    private protected GroupSelector()
    {
    }

    /// <summary>Whether the agent satisfies the selector.</summary>
    /// <param name="agent">What is known of the agent.</param>
    /// <returns><see langword="true"/> when satisfied.</returns>
    public abstract bool Matches(AgentFacts agent);

    /// <summary>Describes the condition, e.g. « habilité » / "cleared".</summary>
    /// <returns>The description.</returns>
    public abstract LocalizedText Describe();

    /// <summary>
    /// Explains the outcome for one agent: when the selector matches, the conditions that hold; otherwise the
    /// conditions that fail, with the engines' reasons (e.g. the module that expired).
    /// </summary>
    /// <param name="agent">What is known of the agent.</param>
    /// <returns>One or more lines of explanation.</returns>
    public virtual IReadOnlyList<LocalizedText> Explain(AgentFacts agent) =>
        Matches(agent)
            ? [Describe()]
            : [new LocalizedText("non : " + Describe().Fr, "not: " + Describe().En)];

    /// <summary>The leaves of the selector tree (the selector itself for a leaf).</summary>
    /// <returns>Every leaf selector.</returns>
    public virtual IEnumerable<GroupSelector> Leaves()
    {
        yield return this;
    }
}

/// <summary>Every agent (restricted to active agents unless the rule says otherwise).</summary>
public sealed record AllAgentsSelector : GroupSelector
{
    /// <inheritdoc />
    public override bool Matches(AgentFacts agent) => true;

    /// <inheritdoc />
    public override LocalizedText Describe() => new("tous les agents", "every agent");
}

/// <summary>Agents cleared (<i>habilités</i>) to use the charter's approved AI tools, or, with <see cref="Cleared"/> false, agents not cleared.</summary>
/// <param name="Cleared">The clearance wanted; <see langword="true"/> by default.</param>
public sealed record ClearedSelector(bool Cleared = true) : GroupSelector
{
    /// <inheritdoc />
    public override bool Matches(AgentFacts agent) => agent.Clearance.IsCleared == Cleared;

    /// <inheritdoc />
    public override LocalizedText Describe() => Cleared
        ? new("habilité à utiliser les outils d'IA approuvés", "cleared to use approved AI tools")
        : new("non habilité à utiliser les outils d'IA approuvés", "not cleared to use approved AI tools");

    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> Explain(AgentFacts agent)
    {
        if (Matches(agent))
        {
            return [Describe()];
        }

        if (!agent.Clearance.IsCleared)
        {
            var lines = new List<LocalizedText> { new("n'est plus habilité", "no longer cleared") };
            foreach (var reason in agent.Clearance.Reasons)
            {
                lines.Add(reason.Message);
            }

            return lines;
        }

        return [new("est habilité (la règle vise les agents non habilités)", "is cleared (the rule targets agents not cleared)")];
    }
}

/// <summary>Agents holding a role (<c>referent</c>, <c>manager</c>, <c>elected</c>, <c>agent</c>).</summary>
/// <param name="Role">The role.</param>
public sealed record RoleSelector(AgentRoles Role) : GroupSelector
{
    /// <inheritdoc />
    public override bool Matches(AgentFacts agent) => agent.Agent.HasRole(Role);

    /// <inheritdoc />
    public override LocalizedText Describe() => new($"rôle {GroupText.RoleFr(Role)}", $"role {GroupText.RoleEn(Role)}");
}

/// <summary>
/// Agents who completed a track: at least one module of the track is required of the agent, and every module of the
/// track required of the agent is valid (done or expiring soon).
/// </summary>
/// <param name="Track">The track.</param>
public sealed record TrackCompletedSelector(TrackKind Track) : GroupSelector
{
    /// <inheritdoc />
    public override bool Matches(AgentFacts agent)
    {
        var any = false;
        foreach (var requirement in agent.Clearance.Requirements.Requirements)
        {
            if (requirement.Module.Track != Track)
            {
                continue;
            }

            if (!requirement.IsValid)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <inheritdoc />
    public override LocalizedText Describe() => new($"parcours {GroupText.TrackFr(Track)} suivi", $"{GroupText.TrackEn(Track)} track completed");

    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> Explain(AgentFacts agent)
    {
        if (Matches(agent))
        {
            return [Describe()];
        }

        var lines = new List<LocalizedText> { new("non : " + Describe().Fr, "not: " + Describe().En) };
        var any = false;
        foreach (var requirement in agent.Clearance.Requirements.Requirements)
        {
            if (requirement.Module.Track == Track)
            {
                any = true;
                if (!requirement.IsValid)
                {
                    lines.Add(new(
                        $"module {requirement.ModuleId} : {GroupText.StateFr(requirement.State)}",
                        $"module {requirement.ModuleId}: {GroupText.StateEn(requirement.State)}"));
                }
            }
        }

        if (!any)
        {
            lines.Add(new("aucun module de ce parcours n'est requis de l'agent", "no module of this track is required of the agent"));
        }

        return lines;
    }
}

/// <summary>Agents holding a valid (counting, unexpired) completion of a module, required of them or not.</summary>
/// <param name="ModuleId">The module id.</param>
public sealed record ModuleCompletedSelector(string ModuleId) : GroupSelector
{
    /// <inheritdoc />
    public override bool Matches(AgentFacts agent) => agent.Context.Requirements.HasValidCompletion(agent.History, ModuleId);

    /// <inheritdoc />
    public override LocalizedText Describe() => new($"module {ModuleId} validé", $"module {ModuleId} completed");

    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> Explain(AgentFacts agent)
    {
        if (Matches(agent))
        {
            return [Describe()];
        }

        var requirement = agent.Clearance.Requirements.Find(ModuleId);
        return requirement is null
            ? [new($"module {ModuleId} non validé", $"module {ModuleId} not completed")]
            : [new($"module {ModuleId} : {GroupText.StateFr(requirement.State)}", $"module {ModuleId}: {GroupText.StateEn(requirement.State)}")];
    }
}

/// <summary>
/// Agents of whom a module is required and who need training on it: missing, expired, failed or blocked by a
/// prerequisite (the audience of reminders and assignments).
/// </summary>
/// <param name="ModuleId">The module id.</param>
public sealed record ModuleMissingSelector(string ModuleId) : GroupSelector
{
    /// <inheritdoc />
    public override bool Matches(AgentFacts agent) => agent.Clearance.Requirements.Find(ModuleId) is { NeedsTraining: true };

    /// <inheritdoc />
    public override LocalizedText Describe() => new($"module {ModuleId} à suivre", $"module {ModuleId} to take");

    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> Explain(AgentFacts agent)
    {
        var requirement = agent.Clearance.Requirements.Find(ModuleId);
        if (requirement is null)
        {
            return [new($"module {ModuleId} non requis de l'agent", $"module {ModuleId} not required of the agent")];
        }

        return [new($"module {ModuleId} : {GroupText.StateFr(requirement.State)}", $"module {ModuleId}: {GroupText.StateEn(requirement.State)}")];
    }
}

/// <summary>
/// Agents working in an org unit or below it. <see cref="Path"/> is a unit id (<c>DRH</c>: the unit anywhere in the
/// agent's chain of units) or a path of unit ids separated by <c>/</c> (<c>DGS/DRH</c>: those units consecutively in
/// the chain from the root).
/// </summary>
/// <param name="Path">The unit id or path of unit ids.</param>
public sealed record OrgUnitSelector(string Path) : GroupSelector
{
    private readonly string[] segments = SplitPath(Path);

    /// <summary>The unit ids of <see cref="Path"/>, from the highest.</summary>
    public IReadOnlyList<string> Segments => segments;

    /// <inheritdoc />
    public override bool Matches(AgentFacts agent)
    {
        var chain = agent.Context.ChainOf(agent.Agent.OrgUnitId);
        if (segments.Length == 0 || chain.Count < segments.Length)
        {
            return false;
        }

        for (var start = 0; start + segments.Length <= chain.Count; start++)
        {
            var all = true;
            for (var i = 0; i < segments.Length; i++)
            {
                if (!string.Equals(chain[start + i], segments[i], StringComparison.Ordinal))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override LocalizedText Describe() => new($"rattaché à {Path}", $"working under {Path}");

    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> Explain(AgentFacts agent) =>
        Matches(agent)
            ? [Describe()]
            : [new(
                $"non rattaché à {Path} (service : {agent.Agent.OrgUnitId ?? "aucun"})",
                $"not working under {Path} (unit: {agent.Agent.OrgUnitId ?? "none"})")];

    /// <inheritdoc />
    public bool Equals(OrgUnitSelector? other) => other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path);

    private static string[] SplitPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}

/// <summary>Agents of one of the job families.</summary>
/// <param name="JobFamilyIds">The job family ids.</param>
public sealed record JobFamilySelector(IReadOnlyList<string> JobFamilyIds) : GroupSelector
{
    /// <inheritdoc />
    public override bool Matches(AgentFacts agent)
    {
        if (agent.Agent.JobFamilyId is not { } family)
        {
            return false;
        }

        foreach (var id in JobFamilyIds)
        {
            if (string.Equals(id, family, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override LocalizedText Describe()
    {
        var list = string.Join(", ", JobFamilyIds);
        return new($"famille de métiers {list}", $"job family {list}");
    }

    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> Explain(AgentFacts agent) =>
        Matches(agent)
            ? [new($"famille de métiers {agent.Agent.JobFamilyId}", $"job family {agent.Agent.JobFamilyId}")]
            : [new(
                $"non : {Describe().Fr} (famille : {agent.Agent.JobFamilyId ?? "aucune"})",
                $"not: {Describe().En} (family: {agent.Agent.JobFamilyId ?? "none"})")];

    /// <inheritdoc />
    public bool Equals(JobFamilySelector? other) =>
        other is not null && JobFamilyIds.SequenceEqual(other.JobFamilyIds, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var id in JobFamilyIds)
        {
            hash.Add(id, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}

/// <summary>Agents satisfying every one of <see cref="Selectors"/>.</summary>
/// <param name="Selectors">The conditions (at least one).</param>
public sealed record AllOfSelector(IReadOnlyList<GroupSelector> Selectors) : GroupSelector
{
    /// <inheritdoc />
    public override bool Matches(AgentFacts agent)
    {
        foreach (var selector in Selectors)
        {
            if (!selector.Matches(agent))
            {
                return false;
            }
        }

        return Selectors.Count > 0;
    }

    /// <inheritdoc />
    public override LocalizedText Describe() => GroupText.Join(Selectors.Select(s => s.Describe()), " et ", " and ");

    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> Explain(AgentFacts agent)
    {
        var matched = Matches(agent);
        var lines = new List<LocalizedText>();
        foreach (var selector in Selectors)
        {
            // On a match every condition holds; on a mismatch only the failing ones explain it.
            if (matched || !selector.Matches(agent))
            {
                lines.AddRange(selector.Explain(agent));
            }
        }

        return lines;
    }

    /// <inheritdoc />
    public override IEnumerable<GroupSelector> Leaves() => Selectors.SelectMany(s => s.Leaves());

    /// <inheritdoc />
    public bool Equals(AllOfSelector? other) => other is not null && Selectors.SequenceEqual(other.Selectors);

    /// <inheritdoc />
    public override int GetHashCode() => GroupText.HashOf(Selectors);
}

/// <summary>Agents satisfying at least one of <see cref="Selectors"/>.</summary>
/// <param name="Selectors">The conditions (at least one).</param>
public sealed record AnyOfSelector(IReadOnlyList<GroupSelector> Selectors) : GroupSelector
{
    /// <inheritdoc />
    public override bool Matches(AgentFacts agent)
    {
        foreach (var selector in Selectors)
        {
            if (selector.Matches(agent))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override LocalizedText Describe() => GroupText.Join(Selectors.Select(s => s.Describe()), " ou ", " or ");

    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> Explain(AgentFacts agent)
    {
        foreach (var selector in Selectors)
        {
            if (selector.Matches(agent))
            {
                return selector.Explain(agent);
            }
        }

        var lines = new List<LocalizedText>();
        foreach (var selector in Selectors)
        {
            lines.AddRange(selector.Explain(agent));
        }

        return lines;
    }

    /// <inheritdoc />
    public override IEnumerable<GroupSelector> Leaves() => Selectors.SelectMany(s => s.Leaves());

    /// <inheritdoc />
    public bool Equals(AnyOfSelector? other) => other is not null && Selectors.SequenceEqual(other.Selectors);

    /// <inheritdoc />
    public override int GetHashCode() => GroupText.HashOf(Selectors);
}

/// <summary>Agents not satisfying <see cref="Selector"/>.</summary>
/// <param name="Selector">The condition negated.</param>
public sealed record NotSelector(GroupSelector Selector) : GroupSelector
{
    /// <inheritdoc />
    public override bool Matches(AgentFacts agent) => !Selector.Matches(agent);

    /// <inheritdoc />
    public override LocalizedText Describe() => new("non (" + Selector.Describe().Fr + ")", "not (" + Selector.Describe().En + ")");

    /// <inheritdoc />
    public override IReadOnlyList<LocalizedText> Explain(AgentFacts agent) =>
        Matches(agent)
            ? [Describe()]
            : [new("est : " + Selector.Describe().Fr, "is: " + Selector.Describe().En)];

    /// <inheritdoc />
    public override IEnumerable<GroupSelector> Leaves() => Selector.Leaves();
}
