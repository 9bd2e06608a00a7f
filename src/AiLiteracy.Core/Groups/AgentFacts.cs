using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Groups;

/// <summary>What a <see cref="GroupSelector"/> can look at for one agent: the agent, its clearance (with its requirements) and its training history.</summary>
public readonly struct AgentFacts
{
    /// <summary>Creates the facts of one agent.</summary>
    /// <param name="context">The shared evaluation context.</param>
    /// <param name="clearance">The agent's clearance, from <see cref="ComplianceEngine"/>.</param>
    /// <param name="history">The agent's training history.</param>
    public AgentFacts(GroupEvaluationContext context, Clearance clearance, AgentHistory history)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clearance);
        ArgumentNullException.ThrowIfNull(history);
        Context = context;
        Clearance = clearance;
        History = history;
    }

    /// <summary>The shared evaluation context.</summary>
    public GroupEvaluationContext Context { get; }

    /// <summary>The agent.</summary>
    public Agent Agent => Clearance.Agent;

    /// <summary>The agent's clearance; its <see cref="Clearance.Requirements"/> give the state of each required module.</summary>
    public Clearance Clearance { get; }

    /// <summary>The agent's training history.</summary>
    public AgentHistory History { get; }
}

/// <summary>
/// What every selector evaluation shares: the requirements engine (for completions of modules not required) and the
/// organisation tree (for org unit paths). Immutable and thread-safe once built.
/// </summary>
public sealed class GroupEvaluationContext
{
    private readonly Dictionary<string, IReadOnlyList<string>> chains = new(StringComparer.Ordinal);

    /// <summary>Creates the context.</summary>
    /// <param name="requirements">The requirements engine the clearances were computed with.</param>
    /// <param name="organization">The organisation and its tree of units.</param>
    public GroupEvaluationContext(RequirementsEngine requirements, Organization organization)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentNullException.ThrowIfNull(organization);
        Requirements = requirements;
        OrgTree = new OrgTree(organization);
        foreach (var unit in organization.OrgUnits)
        {
            chains.TryAdd(unit.Id, BuildChain(unit.Id));
        }
    }

    /// <summary>The requirements engine.</summary>
    public RequirementsEngine Requirements { get; }

    /// <summary>The organisation tree.</summary>
    public OrgTree OrgTree { get; }

    /// <summary>
    /// The chain of unit ids from the root down to <paramref name="unitId"/>; a unit unknown to the tree stands alone;
    /// empty for no unit.
    /// </summary>
    /// <param name="unitId">The unit id.</param>
    /// <returns>The chain, root first.</returns>
    public IReadOnlyList<string> ChainOf(string? unitId)
    {
        if (unitId is null)
        {
            return [];
        }

        return chains.TryGetValue(unitId, out var chain) ? chain : [unitId];
    }

    private string[] BuildChain(string unitId)
    {
        var chain = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = OrgTree.Find(unitId);
        while (current is not null && seen.Add(current.Id))
        {
            chain.Add(current.Id);
            current = OrgTree.Find(current.ParentId);
        }

        chain.Reverse();
        return [.. chain];
    }
}
