using AiLiteracy.Model;

namespace AiLiteracy.Groups;

/// <summary>How the sync treats a group's members.</summary>
public enum GroupSyncMode
{
    /// <summary>The rules own the group: members who should be there are added, members who should not are removed.</summary>
    Managed,
    /// <summary>Members who should be there are added; nobody is ever removed.</summary>
    Additive,
}

/// <summary>One Entra ID group kept equal to (or, in <see cref="GroupSyncMode.Additive"/> mode, a superset of) the agents a selector picks.</summary>
public sealed record GroupRule
{
    /// <summary>The Entra ID object id of the group.</summary>
    public required string GroupId { get; init; }

    /// <summary>A display name for plans and logs, e.g. « Licences Copilot ».</summary>
    public string? Name { get; init; }

    /// <summary>Managed (adds and removes, the default) or additive (adds only).</summary>
    public GroupSyncMode Mode { get; init; } = GroupSyncMode.Managed;

    /// <summary>Who belongs in the group.</summary>
    public required GroupSelector Selector { get; init; }

    /// <summary>
    /// Whether agents on leave or who left can belong to the group. Default: <see langword="false"/> (only active
    /// agents are ever wanted, whatever the selector).
    /// </summary>
    public bool IncludeInactiveAgents { get; init; }

    /// <summary>Object ids of members never removed by the sync (break-glass accounts, administrators). Default: none.</summary>
    public IReadOnlyList<string> KeepMembers { get; init; } = [];

    /// <summary>A removal threshold for this group; <see langword="null"/> (the default) uses the rule set's.</summary>
    public RemovalThreshold? RemovalThreshold { get; init; }

    /// <summary>The name when given, else the group id.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? GroupId : Name;
}

/// <summary>Which agent fields are tried, after Entra <c>employeeId</c>, to find the user of an agent.</summary>
public enum UserMatchFallback
{
    /// <summary>The agent's user principal name equals the user's <c>userPrincipalName</c>.</summary>
    UserPrincipalName,
    /// <summary>The agent's e-mail address equals the user's <c>mail</c>.</summary>
    Mail,
}

/// <summary>How agents are matched to Entra ID users.</summary>
public sealed record UserMatchingOptions
{
    /// <summary>
    /// Whether an agent's known <see cref="Agent.EntraObjectId"/> is tried first. Default: <see langword="true"/>.
    /// </summary>
    public bool UseEntraObjectId { get; init; } = true;

    /// <summary>
    /// Fields tried in order when no user has the agent's employee number as <c>employeeId</c>. Default: the user
    /// principal name, then the mail address.
    /// </summary>
    public IReadOnlyList<UserMatchFallback> Fallbacks { get; init; } = [UserMatchFallback.UserPrincipalName, UserMatchFallback.Mail];
}

/// <summary>The group rules of an authority, with the safety threshold and the user matching they share.</summary>
public sealed record GroupSyncRules
{
    /// <summary>The groups to keep in sync; a group id appears once.</summary>
    public required IReadOnlyList<GroupRule> Groups { get; init; }

    /// <summary>The removal threshold of every group without its own. Default: <see cref="RemovalThreshold.Default"/>.</summary>
    public RemovalThreshold RemovalThreshold { get; init; } = RemovalThreshold.Default;

    /// <summary>How agents are matched to users.</summary>
    public UserMatchingOptions Matching { get; init; } = new();
}
