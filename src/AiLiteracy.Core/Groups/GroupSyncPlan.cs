using AiLiteracy.Model;

namespace AiLiteracy.Groups;

/// <summary>Whether a change adds or removes a member.</summary>
public enum GroupChangeKind
{
    /// <summary>The user is added to the group.</summary>
    Add,
    /// <summary>The user is removed from the group.</summary>
    Remove,
}

/// <summary>Why a member is added or removed.</summary>
public enum GroupChangeReasonCode
{
    /// <summary>Add: the agent satisfies the group's rule.</summary>
    RuleMatched,
    /// <summary>Remove: the agent no longer satisfies the group's rule.</summary>
    RuleNotMatched,
    /// <summary>Remove: the agent is on leave or left.</summary>
    AgentNotActive,
    /// <summary>Remove: the member is a user matched to no agent of the HR data.</summary>
    NoAgent,
}

/// <summary>Why a change is planned: a code and the explanation lines (the rule's conditions, the engines' reasons).</summary>
public sealed record GroupChangeReason
{
    /// <summary>The reason code.</summary>
    public required GroupChangeReasonCode Code { get; init; }

    /// <summary>The explanation, one line per condition.</summary>
    public IReadOnlyList<LocalizedText> Details { get; init; } = [];

    /// <summary>The user-facing text: a headline, then the details.</summary>
    public LocalizedText Message
    {
        get
        {
            var (fr, en) = Code switch
            {
                GroupChangeReasonCode.RuleMatched => ("Satisfait la règle", "Satisfies the rule"),
                GroupChangeReasonCode.RuleNotMatched => ("Ne satisfait plus la règle", "No longer satisfies the rule"),
                GroupChangeReasonCode.AgentNotActive => ("Agent absent ou parti", "Agent on leave or gone"),
                _ => ("Utilisateur rattaché à aucun agent des données RH", "User matched to no agent of the HR data"),
            };
            return Details.Count == 0
                ? new(fr, en)
                : new(fr + " : " + string.Join(" ; ", Details.Select(d => d.Fr)), en + ": " + string.Join("; ", Details.Select(d => d.En)));
        }
    }
}

/// <summary>One planned change: a user added to or removed from a group, with the reason.</summary>
public sealed record GroupChange
{
    /// <summary>The group's object id.</summary>
    public required string GroupId { get; init; }

    /// <summary>Add or remove.</summary>
    public required GroupChangeKind Kind { get; init; }

    /// <summary>The user's object id.</summary>
    public required string UserId { get; init; }

    /// <summary>The agent's employee number, when the user is matched to an agent.</summary>
    public string? EmployeeNumber { get; init; }

    /// <summary>Why.</summary>
    public required GroupChangeReason Reason { get; init; }
}

/// <summary>The plan of one group: its adds and removes with their reasons, and the safety check of the removes.</summary>
public sealed record GroupPlan
{
    /// <summary>The rule the plan applies.</summary>
    public required GroupRule Rule { get; init; }

    /// <summary>The group's object id.</summary>
    public string GroupId => Rule.GroupId;

    /// <summary>The number of user members the group has now.</summary>
    public required int CurrentMembers { get; init; }

    /// <summary>The number of matched users the rule selects.</summary>
    public required int DesiredMembers { get; init; }

    /// <summary>The users to add, sorted by object id.</summary>
    public required IReadOnlyList<GroupChange> Adds { get; init; }

    /// <summary>The users to remove, sorted by object id; always empty in <see cref="GroupSyncMode.Additive"/> mode.</summary>
    public required IReadOnlyList<GroupChange> Removes { get; init; }

    /// <summary>Current members not wanted but kept: listed in <see cref="GroupRule.KeepMembers"/>, or uncertain matches.</summary>
    public IReadOnlyList<string> Kept { get; init; } = [];

    /// <summary>Employee numbers of agents the rule selects but who have no user (see <see cref="GroupSyncPlan.UnmatchedAgents"/>).</summary>
    public IReadOnlyList<string> SelectedWithoutUser { get; init; } = [];

    /// <summary>The check of <see cref="Removes"/> against the removal threshold.</summary>
    public required RemovalCheck RemovalCheck { get; init; }

    /// <summary>Whether the plan changes nothing.</summary>
    public bool IsEmpty => Adds.Count == 0 && Removes.Count == 0;
}

/// <summary>
/// What a sync would do: per group, the adds and removes with the reason for each, and whether the removal
/// threshold stops the run. A dry run prints and exports it; a real run applies it.
/// </summary>
public sealed record GroupSyncPlan
{
    /// <summary>When the plan was computed.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The evaluation date of clearances and requirements.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The number of agents judged.</summary>
    public required int Agents { get; init; }

    /// <summary>The number of users read.</summary>
    public required int Users { get; init; }

    /// <summary>The per-group plans, in rule order.</summary>
    public required IReadOnlyList<GroupPlan> Groups { get; init; }

    /// <summary>Agents with no user, and why.</summary>
    public IReadOnlyList<UnmatchedAgent> UnmatchedAgents { get; init; } = [];

    /// <summary>The total number of adds.</summary>
    public int TotalAdds => Groups.Sum(g => g.Adds.Count);

    /// <summary>The total number of removes.</summary>
    public int TotalRemoves => Groups.Sum(g => g.Removes.Count);

    /// <summary>Whether the plan changes nothing.</summary>
    public bool IsEmpty => Groups.All(g => g.IsEmpty);

    /// <summary>The groups whose removals exceed the threshold.</summary>
    public IReadOnlyList<GroupPlan> GroupsOverThreshold => [.. Groups.Where(g => g.RemovalCheck.Exceeded)];

    /// <summary>
    /// Whether the plan may be applied: no group exceeds the removal threshold, or <paramref name="force"/> is given.
    /// A stopped run writes nothing at all, in any group: the input that made one group shrink is suspect for all.
    /// </summary>
    /// <param name="force">The explicit force option.</param>
    /// <returns><see langword="true"/> when the changes may be written.</returns>
    public bool MayApply(bool force) => force || GroupsOverThreshold.Count == 0;
}
