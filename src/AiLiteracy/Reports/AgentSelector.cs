using AiLiteracy.Model;
using AiLiteracy.Services;

namespace AiLiteracy.Reports;

/// <summary>
/// Turns a <see cref="ReportFilter"/> into a predicate over agents: an org unit selects itself and every unit below
/// it; a job family selects its agents. Ids known to the organisation tree, the definitions or any agent are accepted;
/// other ids are refused. Immutable and thread-safe.
/// </summary>
public sealed class AgentSelector
{
    private readonly Dictionary<string, List<string>> children = new(StringComparer.Ordinal);
    private readonly HashSet<string> orgUnits = new(StringComparer.Ordinal);
    private readonly HashSet<string> jobFamilies = new(StringComparer.Ordinal);

    /// <summary>Creates the selector.</summary>
    /// <param name="organization">The organisation (its tree).</param>
    /// <param name="definitions">The definitions (the job family catalogue).</param>
    /// <param name="agents">The agents (org units and job families HR uses beyond the tree and the catalogue).</param>
    public AgentSelector(Organization organization, DefinitionSet definitions, IEnumerable<Agent> agents)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(agents);
        foreach (var unit in organization.OrgUnits)
        {
            orgUnits.Add(unit.Id);
            if (unit.ParentId is { } parent)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(unit.Id);
            }
        }

        foreach (var family in definitions.JobFamilies.JobFamilies)
        {
            jobFamilies.Add(family.Id);
        }

        foreach (var agent in agents)
        {
            if (agent.JobFamilyId is { } family)
            {
                jobFamilies.Add(family);
            }

            if (agent.OrgUnitId is { } unit)
            {
                orgUnits.Add(unit);
            }
        }
    }

    /// <summary>The predicate of a filter.</summary>
    /// <param name="filter">The filter.</param>
    /// <returns>Whether an agent falls within the filter.</returns>
    /// <exception cref="InputValidationException">The filter names an org unit or a job family nobody knows.</exception>
    public Func<Agent, bool> Matcher(ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var errors = new InputErrors();
        if (filter.OrgUnitId is { } unit && !orgUnits.Contains(unit))
        {
            errors.Add("orgUnitId", "unknown-org-unit", $"Unité « {unit} » inconnue.", $"Unknown org unit '{unit}'.");
        }

        if (filter.JobFamilyId is { } family && !jobFamilies.Contains(family))
        {
            errors.Add("jobFamilyId", "unknown-job-family", $"Famille de métiers « {family} » inconnue.", $"Unknown job family '{family}'.");
        }

        errors.ThrowIfAny();
        var units = filter.OrgUnitId is { } root ? UnitsUnder(root) : null;
        var jobFamily = filter.JobFamilyId;
        return agent =>
            (units is null || (agent.OrgUnitId is { } id && units.Contains(id)))
            && (jobFamily is null || string.Equals(agent.JobFamilyId, jobFamily, StringComparison.Ordinal));
    }

    /// <summary>The ids of an org unit and of every unit below it.</summary>
    /// <param name="orgUnitId">The org unit id.</param>
    /// <returns>The ids.</returns>
    public IReadOnlySet<string> UnitsUnder(string orgUnitId)
    {
        ArgumentNullException.ThrowIfNull(orgUnitId);
        var result = new HashSet<string>(StringComparer.Ordinal) { orgUnitId };
        var pending = new Stack<string>();
        pending.Push(orgUnitId);
        while (pending.Count > 0)
        {
            if (children.TryGetValue(pending.Pop(), out var list))
            {
                foreach (var child in list)
                {
                    if (result.Add(child))
                    {
                        pending.Push(child);
                    }
                }
            }
        }

        return result;
    }
}
