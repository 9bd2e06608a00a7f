using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Groups;

/// <summary>The authority data a group sync judges: the organisation tree, agents and their training records.</summary>
public sealed record GroupSyncData
{
    /// <summary>The organisation and its tree of units.</summary>
    public required Organization Organization { get; init; }

    /// <summary>The agents, as HR knows them.</summary>
    public required IReadOnlyList<Agent> Agents { get; init; }

    /// <summary>The completions.</summary>
    public IReadOnlyList<Completion> Completions { get; init; } = [];

    /// <summary>The charter acknowledgements.</summary>
    public IReadOnlyList<Acknowledgement> Acknowledgements { get; init; } = [];
}

/// <summary>The users one group should contain according to its rule.</summary>
public sealed class DesiredGroup
{
    internal DesiredGroup(GroupRule rule, Dictionary<string, string> members, List<string> selectedWithoutUser)
    {
        Rule = rule;
        Members = members;
        SelectedWithoutUser = selectedWithoutUser;
    }

    /// <summary>The rule.</summary>
    public GroupRule Rule { get; }

    /// <summary>The wanted users: object id → employee number of the agent.</summary>
    public IReadOnlyDictionary<string, string> Members { get; }

    /// <summary>Employee numbers of agents the rule selects who have no user.</summary>
    public IReadOnlyList<string> SelectedWithoutUser { get; }
}

/// <summary>
/// The desired membership of every group of a rule set, with what is needed to explain each decision. Produced by
/// <see cref="GroupMembershipEvaluator.Evaluate"/>; compared with the current membership by
/// <see cref="GroupSyncPlanner.Plan"/>.
/// </summary>
public sealed class DesiredMembership
{
    private readonly Dictionary<string, AgentFacts> facts;

    internal DesiredMembership(
        GroupSyncRules rules, DateOnly asOf, int agents, UserMatchResult matches, List<DesiredGroup> groups, Dictionary<string, AgentFacts> facts)
    {
        Rules = rules;
        AsOf = asOf;
        Agents = agents;
        Matches = matches;
        Groups = groups;
        this.facts = facts;
    }

    /// <summary>The rules evaluated.</summary>
    public GroupSyncRules Rules { get; }

    /// <summary>The evaluation date.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The number of agents judged.</summary>
    public int Agents { get; }

    /// <summary>How agents were matched to users.</summary>
    public UserMatchResult Matches { get; }

    /// <summary>The desired membership of each group, in rule order.</summary>
    public IReadOnlyList<DesiredGroup> Groups { get; }

    /// <summary>What is known of an agent, for explanations.</summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <param name="agent">The facts when found.</param>
    /// <returns><see langword="true"/> when the agent was judged.</returns>
    public bool TryGetFacts(string employeeNumber, out AgentFacts agent) => facts.TryGetValue(employeeNumber, out agent);
}

/// <summary>
/// Evaluates the group rules: judges every agent once with the <see cref="ComplianceEngine"/>, matches agents to users
/// and lists the users each group should contain. Pure and thread-safe.
/// </summary>
public class GroupMembershipEvaluator
{
    /// <summary>Creates the evaluator.</summary>
    /// <param name="compliance">The compliance engine (its requirements engine and clock give the evaluation date).</param>
    public GroupMembershipEvaluator(ComplianceEngine compliance)
    {
        ArgumentNullException.ThrowIfNull(compliance);
        Compliance = compliance;
    }

    /// <summary>The compliance engine.</summary>
    public ComplianceEngine Compliance { get; }

    /// <summary>Evaluates the desired membership of every group.</summary>
    /// <param name="rules">The group rules.</param>
    /// <param name="data">The agents and their records.</param>
    /// <param name="users">The Entra ID users.</param>
    /// <returns>The desired membership.</returns>
    /// <exception cref="ArgumentException">A group id appears twice in the rules.</exception>
    public virtual DesiredMembership Evaluate(GroupSyncRules rules, GroupSyncData data, IEnumerable<DirectoryUser> users)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(users);
        EnsureDistinctGroups(rules);

        var records = TrainingRecords.Create(data.Completions, data.Acknowledgements);
        var clearances = Compliance.EvaluateAll(data.Agents, records);
        var context = new GroupEvaluationContext(Compliance.Requirements, data.Organization);
        var facts = new Dictionary<string, AgentFacts>(clearances.Count, StringComparer.Ordinal);
        foreach (var clearance in clearances)
        {
            facts.TryAdd(clearance.EmployeeNumber, new AgentFacts(context, clearance, records.GetHistory(clearance.EmployeeNumber)));
        }

        var matches = AgentUserMatcher.Match(data.Agents, users, rules.Matching);
        var groups = new List<DesiredGroup>(rules.Groups.Count);
        foreach (var rule in rules.Groups)
        {
            var members = new Dictionary<string, string>(StringComparer.Ordinal);
            var withoutUser = new List<string>();
            foreach (var agent in facts.Values)
            {
                if (!IsWanted(rule, agent))
                {
                    continue;
                }

                if (matches.UserOf(agent.Agent.EmployeeNumber) is { } user)
                {
                    members[user.Id] = agent.Agent.EmployeeNumber;
                }
                else
                {
                    withoutUser.Add(agent.Agent.EmployeeNumber);
                }
            }

            groups.Add(new DesiredGroup(rule, members, withoutUser));
        }

        var asOf = clearances.Count > 0 ? clearances[0].AsOf : DateOnly.FromDateTime(Compliance.Requirements.TimeProvider.GetLocalNow().DateTime);
        return new DesiredMembership(rules, asOf, facts.Count, matches, groups, facts);
    }

    /// <summary>Whether a rule wants an agent: active (unless inactive agents are included) and selected.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="agent">The agent.</param>
    /// <returns><see langword="true"/> when wanted.</returns>
    public static bool IsWanted(GroupRule rule, AgentFacts agent)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return (rule.IncludeInactiveAgents || agent.Agent.Status == EmploymentStatus.Active) && rule.Selector.Matches(agent);
    }

    private static void EnsureDistinctGroups(GroupSyncRules rules)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules.Groups)
        {
            if (!ids.Add(rule.GroupId))
            {
                throw new ArgumentException($"Group '{rule.GroupId}' has more than one rule.", nameof(rules));
            }
        }
    }
}

/// <summary>
/// Compares the desired membership with the current one: adds (users wanted, not members) and, in managed mode,
/// removes (user members not wanted, except kept and uncertain ones), each with its reason, and checks the removes
/// against the removal threshold. Pure.
/// </summary>
public static class GroupSyncPlanner
{
    /// <summary>Builds the plan.</summary>
    /// <param name="desired">The desired membership.</param>
    /// <param name="currentMembers">The current user members of each group, by group id (object ids).</param>
    /// <param name="createdAt">The time stamped on the plan.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">The current membership of a group is missing.</exception>
    public static GroupSyncPlan Plan(
        DesiredMembership desired, IReadOnlyDictionary<string, IReadOnlySet<string>> currentMembers, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(currentMembers);
        var plans = new List<GroupPlan>(desired.Groups.Count);
        foreach (var group in desired.Groups)
        {
            if (!currentMembers.TryGetValue(group.Rule.GroupId, out var current))
            {
                throw new ArgumentException($"The current members of group '{group.Rule.GroupId}' are missing.", nameof(currentMembers));
            }

            plans.Add(PlanGroup(desired, group, current));
        }

        return new GroupSyncPlan
        {
            CreatedAt = createdAt,
            AsOf = desired.AsOf,
            Agents = desired.Agents,
            Users = desired.Matches.UserCount,
            Groups = plans,
            UnmatchedAgents = desired.Matches.Unmatched,
        };
    }

    /// <summary>Plans one group.</summary>
    /// <param name="desired">The desired membership (for explanations).</param>
    /// <param name="group">The group's desired members.</param>
    /// <param name="current">The group's current user members.</param>
    /// <returns>The group plan.</returns>
    public static GroupPlan PlanGroup(DesiredMembership desired, DesiredGroup group, IReadOnlySet<string> current)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(current);
        var rule = group.Rule;
        var adds = new List<GroupChange>();
        foreach (var (userId, employeeNumber) in group.Members)
        {
            if (current.Contains(userId))
            {
                continue;
            }

            var details = desired.TryGetFacts(employeeNumber, out var facts) ? rule.Selector.Explain(facts) : [];
            adds.Add(new GroupChange
            {
                GroupId = rule.GroupId,
                Kind = GroupChangeKind.Add,
                UserId = userId,
                EmployeeNumber = employeeNumber,
                Reason = new GroupChangeReason { Code = GroupChangeReasonCode.RuleMatched, Details = details },
            });
        }

        var removes = new List<GroupChange>();
        var kept = new List<string>();
        if (rule.Mode == GroupSyncMode.Managed)
        {
            var keep = new HashSet<string>(rule.KeepMembers, StringComparer.OrdinalIgnoreCase);
            foreach (var userId in current)
            {
                if (group.Members.ContainsKey(userId))
                {
                    continue;
                }

                if (keep.Contains(userId) || desired.Matches.UncertainUserIds.Contains(userId))
                {
                    kept.Add(userId);
                    continue;
                }

                removes.Add(Removal(desired, rule, userId));
            }
        }

        adds.Sort(static (a, b) => string.CompareOrdinal(a.UserId, b.UserId));
        removes.Sort(static (a, b) => string.CompareOrdinal(a.UserId, b.UserId));
        kept.Sort(StringComparer.Ordinal);
        var threshold = rule.RemovalThreshold ?? desired.Rules.RemovalThreshold;
        return new GroupPlan
        {
            Rule = rule,
            CurrentMembers = current.Count,
            DesiredMembers = group.Members.Count,
            Adds = adds,
            Removes = removes,
            Kept = kept,
            SelectedWithoutUser = group.SelectedWithoutUser,
            RemovalCheck = threshold.Check(current.Count, removes.Count),
        };
    }

    private static GroupChange Removal(DesiredMembership desired, GroupRule rule, string userId)
    {
        GroupChangeReason reason;
        string? employeeNumber = null;
        if (desired.Matches.ByUserId.TryGetValue(userId, out var agent) && desired.TryGetFacts(agent.EmployeeNumber, out var facts))
        {
            employeeNumber = agent.EmployeeNumber;
            reason = !rule.IncludeInactiveAgents && agent.Status != EmploymentStatus.Active
                ? new GroupChangeReason
                {
                    Code = GroupChangeReasonCode.AgentNotActive,
                    Details = [new($"statut RH : {GroupText.StatusFr(agent.Status)}", $"HR status: {GroupText.StatusEn(agent.Status)}")],
                }
                : new GroupChangeReason { Code = GroupChangeReasonCode.RuleNotMatched, Details = rule.Selector.Explain(facts) };
        }
        else
        {
            reason = new GroupChangeReason { Code = GroupChangeReasonCode.NoAgent };
        }

        return new GroupChange
        {
            GroupId = rule.GroupId,
            Kind = GroupChangeKind.Remove,
            UserId = userId,
            EmployeeNumber = employeeNumber,
            Reason = reason,
        };
    }
}
