using AiLiteracy.Model;

namespace AiLiteracy.Groups;

/// <summary>An Entra ID user as the group sync reads it (<c>$select=id,employeeId,userPrincipalName,mail,accountEnabled</c>).</summary>
public sealed record DirectoryUser
{
    /// <summary>The object id.</summary>
    public required string Id { get; init; }

    /// <summary>The <c>employeeId</c> attribute: the HR employee number (<i>matricule</i>) when HR provisioning fills it.</summary>
    public string? EmployeeId { get; init; }

    /// <summary>The user principal name.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>The primary SMTP address.</summary>
    public string? Mail { get; init; }

    /// <summary>Whether the account is enabled, when read.</summary>
    public bool? AccountEnabled { get; init; }
}

/// <summary>How an agent was matched to a user.</summary>
public enum UserMatchMethod
{
    /// <summary>By the Entra object id HR already knows.</summary>
    ObjectId,
    /// <summary>By <c>employeeId</c> = employee number.</summary>
    EmployeeId,
    /// <summary>By user principal name.</summary>
    UserPrincipalName,
    /// <summary>By mail address.</summary>
    Mail,
}

/// <summary>Why an agent has no user.</summary>
public enum UnmatchedReasonCode
{
    /// <summary>No user carries the agent's employee number, object id, UPN or mail.</summary>
    NoUser,
    /// <summary>Several users carry the value the agent would be matched on.</summary>
    Ambiguous,
    /// <summary>The user found is already matched to another agent.</summary>
    UserTakenByAnotherAgent,
    /// <summary>Another agent has the same employee number in the HR data.</summary>
    DuplicateEmployeeNumber,
}

/// <summary>An agent with no Entra ID user, and why.</summary>
/// <param name="EmployeeNumber">The agent's employee number.</param>
/// <param name="Code">Why.</param>
/// <param name="Value">The value that was ambiguous or taken, when relevant.</param>
public sealed record UnmatchedAgent(string EmployeeNumber, UnmatchedReasonCode Code, string? Value = null)
{
    /// <summary>The user-facing text.</summary>
    public LocalizedText Message => Code switch
    {
        UnmatchedReasonCode.NoUser => new(
            $"Agent {EmployeeNumber} : aucun utilisateur Entra ID avec ce matricule (employeeId), cet UPN ou cette adresse.",
            $"Agent {EmployeeNumber}: no Entra ID user with this employee number (employeeId), UPN or mail."),
        UnmatchedReasonCode.Ambiguous => new(
            $"Agent {EmployeeNumber} : plusieurs utilisateurs Entra ID portent « {Value} » ; aucun n'est retenu.",
            $"Agent {EmployeeNumber}: several Entra ID users carry '{Value}'; none is used."),
        UnmatchedReasonCode.UserTakenByAnotherAgent => new(
            $"Agent {EmployeeNumber} : l'utilisateur trouvé par « {Value} » est déjà rattaché à un autre agent.",
            $"Agent {EmployeeNumber}: the user found by '{Value}' is already matched to another agent."),
        _ => new(
            $"Agent {EmployeeNumber} : matricule en double dans les données RH ; seule la première ligne est prise.",
            $"Agent {EmployeeNumber}: duplicate employee number in the HR data; only the first row is used."),
    };
}

/// <summary>The agents matched to users, those not matched, and the users no removal may touch because their match is uncertain.</summary>
public sealed class UserMatchResult
{
    internal UserMatchResult(
        Dictionary<string, (DirectoryUser User, UserMatchMethod Method)> byEmployeeNumber,
        Dictionary<string, Agent> byUserId,
        List<UnmatchedAgent> unmatched,
        HashSet<string> uncertainUserIds,
        int userCount)
    {
        ByEmployeeNumber = byEmployeeNumber;
        ByUserId = byUserId;
        Unmatched = unmatched;
        UncertainUserIds = uncertainUserIds;
        UserCount = userCount;
    }

    /// <summary>The user of each matched agent, with the method, by employee number.</summary>
    public IReadOnlyDictionary<string, (DirectoryUser User, UserMatchMethod Method)> ByEmployeeNumber { get; }

    /// <summary>The agent of each matched user, by user object id.</summary>
    public IReadOnlyDictionary<string, Agent> ByUserId { get; }

    /// <summary>The agents with no user, in input order.</summary>
    public IReadOnlyList<UnmatchedAgent> Unmatched { get; }

    /// <summary>
    /// Users involved in an ambiguous or conflicting match: they may be the user of an agent, so the sync never
    /// removes them from a group.
    /// </summary>
    public IReadOnlySet<string> UncertainUserIds { get; }

    /// <summary>The number of users read.</summary>
    public int UserCount { get; }

    /// <summary>The user of an agent, or <see langword="null"/>.</summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <returns>The user.</returns>
    public DirectoryUser? UserOf(string employeeNumber) =>
        ByEmployeeNumber.TryGetValue(employeeNumber, out var match) ? match.User : null;
}

/// <summary>
/// Matches agents to Entra ID users: by the object id HR knows (when enabled), then <c>employeeId</c> = employee
/// number, then the fallbacks (UPN, mail). Comparisons ignore case and surrounding spaces. A value carried by several
/// users is ambiguous and matches nobody (the users concerned are marked uncertain, never removed); a user is matched
/// to one agent at most.
/// </summary>
public static class AgentUserMatcher
{
    /// <summary>Matches the agents to the users.</summary>
    /// <param name="agents">The agents.</param>
    /// <param name="users">The users read from Entra ID.</param>
    /// <param name="options">The matching options; defaults when <see langword="null"/>.</param>
    /// <returns>The matches.</returns>
    public static UserMatchResult Match(IEnumerable<Agent> agents, IEnumerable<DirectoryUser> users, UserMatchingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(users);
        options ??= new UserMatchingOptions();
        var comparer = StringComparer.OrdinalIgnoreCase;
        var byId = new Dictionary<string, DirectoryUser>(comparer);
        var byEmployeeId = new Dictionary<string, List<DirectoryUser>>(comparer);
        var byUpn = new Dictionary<string, List<DirectoryUser>>(comparer);
        var byMail = new Dictionary<string, List<DirectoryUser>>(comparer);
        var userCount = 0;
        foreach (var user in users)
        {
            userCount++;
            byId.TryAdd(user.Id, user);
            Index(byEmployeeId, user.EmployeeId, user);
            Index(byUpn, user.UserPrincipalName, user);
            Index(byMail, user.Mail, user);
        }

        var byEmployeeNumber = new Dictionary<string, (DirectoryUser, UserMatchMethod)>(StringComparer.Ordinal);
        var byUserId = new Dictionary<string, Agent>(StringComparer.Ordinal);
        var unmatched = new List<UnmatchedAgent>();
        var uncertain = new HashSet<string>(StringComparer.Ordinal);
        var seenAgents = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<Agent>();
        foreach (var agent in agents)
        {
            if (!seenAgents.Add(agent.EmployeeNumber))
            {
                unmatched.Add(new UnmatchedAgent(agent.EmployeeNumber, UnmatchedReasonCode.DuplicateEmployeeNumber));
                continue;
            }

            pending.Add(agent);
        }

        // Pass 1: the strong keys (object id, employeeId) claim users before any fallback can.
        var needFallback = new List<Agent>();
        foreach (var agent in pending)
        {
            if (options.UseEntraObjectId && Clean(agent.EntraObjectId) is { } objectId && byId.TryGetValue(objectId, out var direct))
            {
                Claim(agent, direct, UserMatchMethod.ObjectId, objectId);
                continue;
            }

            switch (Lookup(byEmployeeId, agent.EmployeeNumber))
            {
                case { Count: 1 } single:
                    Claim(agent, single[0], UserMatchMethod.EmployeeId, agent.EmployeeNumber);
                    break;
                case { Count: > 1 } several:
                    MarkUncertain(several);
                    unmatched.Add(new UnmatchedAgent(agent.EmployeeNumber, UnmatchedReasonCode.Ambiguous, agent.EmployeeNumber));
                    break;
                default:
                    needFallback.Add(agent);
                    break;
            }
        }

        // Pass 2: fallbacks, in the configured order.
        foreach (var agent in needFallback)
        {
            var done = false;
            foreach (var fallback in options.Fallbacks)
            {
                var (index, value, method) = fallback == UserMatchFallback.Mail
                    ? (byMail, agent.Email, UserMatchMethod.Mail)
                    : (byUpn, agent.UserPrincipalName, UserMatchMethod.UserPrincipalName);
                var found = Lookup(index, value);
                if (found is { Count: 1 })
                {
                    Claim(agent, found[0], method, value!);
                    done = true;
                    break;
                }

                if (found is { Count: > 1 })
                {
                    MarkUncertain(found);
                    unmatched.Add(new UnmatchedAgent(agent.EmployeeNumber, UnmatchedReasonCode.Ambiguous, Clean(value)));
                    done = true;
                    break;
                }
            }

            if (!done)
            {
                unmatched.Add(new UnmatchedAgent(agent.EmployeeNumber, UnmatchedReasonCode.NoUser));
            }
        }

        return new UserMatchResult(byEmployeeNumber, byUserId, unmatched, uncertain, userCount);

        void Claim(Agent agent, DirectoryUser user, UserMatchMethod method, string value)
        {
            if (byUserId.ContainsKey(user.Id))
            {
                uncertain.Add(user.Id);
                unmatched.Add(new UnmatchedAgent(agent.EmployeeNumber, UnmatchedReasonCode.UserTakenByAnotherAgent, Clean(value)));
                return;
            }

            byUserId[user.Id] = agent;
            byEmployeeNumber[agent.EmployeeNumber] = (user, method);
        }

        void MarkUncertain(List<DirectoryUser> several)
        {
            foreach (var user in several)
            {
                uncertain.Add(user.Id);
            }
        }
    }

    private static void Index(Dictionary<string, List<DirectoryUser>> index, string? value, DirectoryUser user)
    {
        if (Clean(value) is not { } key)
        {
            return;
        }

        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = new List<DirectoryUser>(1);
        }

        list.Add(user);
    }

    private static List<DirectoryUser>? Lookup(Dictionary<string, List<DirectoryUser>> index, string? value) =>
        Clean(value) is { } key && index.TryGetValue(key, out var list) ? list : null;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
