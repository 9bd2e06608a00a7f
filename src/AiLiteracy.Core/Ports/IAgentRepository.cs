using AiLiteracy.Model;

namespace AiLiteracy.Ports;

/// <summary>Filters for listing agents; <see langword="null"/> filters match everything.</summary>
public sealed record AgentFilter
{
    /// <summary>Only agents of this org unit.</summary>
    public string? OrgUnitId { get; init; }

    /// <summary>Only agents of this job family.</summary>
    public string? JobFamilyId { get; init; }

    /// <summary>Only agents holding this role (every flag of it).</summary>
    public AgentRoles? Role { get; init; }

    /// <summary>Only agents with this employment status.</summary>
    public EmploymentStatus? Status { get; init; }
}

/// <summary>The agents of the current tenant, identified by their HR employee number (<i>matricule</i>).</summary>
public interface IAgentRepository
{
    /// <summary>Gets an agent by employee number.</summary>
    /// <param name="employeeNumber">The HR employee number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The agent, or <see langword="null"/> when unknown.</returns>
    Task<Agent?> GetAsync(string employeeNumber, CancellationToken cancellationToken = default);

    /// <summary>Lists agents ordered by employee number, one page at a time.</summary>
    /// <param name="filter">Filters to apply.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<Agent>> ListAsync(AgentFilter filter, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Streams every agent of the tenant ordered by employee number (engines, reports, syncs).</summary>
    /// <param name="filter">Filters to apply.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The agents.</returns>
    IAsyncEnumerable<Agent> StreamAsync(AgentFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Counts agents matching <paramref name="filter"/>.</summary>
    /// <param name="filter">Filters to apply.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The count.</returns>
    Task<int> CountAsync(AgentFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Creates the agent or replaces the stored values of the agent with the same employee number.</summary>
    /// <param name="agent">The agent as HR knows it now.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the agent was created, updated or already up to date.</returns>
    Task<UpsertOutcome> UpsertAsync(Agent agent, CancellationToken cancellationToken = default);

    /// <summary>Marks the agent as having left (status <see cref="EmploymentStatus.Left"/>, end date set); their records are kept for the register.</summary>
    /// <param name="employeeNumber">The HR employee number.</param>
    /// <param name="endDate">The date the agent left.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when the agent existed and was active or on leave; <see langword="false"/> when unknown or already left.</returns>
    Task<bool> DeactivateAsync(string employeeNumber, DateOnly endDate, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the agents with these employee numbers in one round trip where the store can (bulk imports); unknown
    /// employee numbers are absent from the result. The default implementation calls <see cref="GetAsync"/> for each.
    /// </summary>
    /// <param name="employeeNumbers">The HR employee numbers.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The known agents by employee number.</returns>
    async Task<IReadOnlyDictionary<string, Agent>> GetManyAsync(IReadOnlyCollection<string> employeeNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(employeeNumbers);
        var found = new Dictionary<string, Agent>(employeeNumbers.Count, StringComparer.Ordinal);
        foreach (var employeeNumber in employeeNumbers)
        {
            if (!found.ContainsKey(employeeNumber) && await GetAsync(employeeNumber, cancellationToken).ConfigureAwait(false) is { } agent)
            {
                found[employeeNumber] = agent;
            }
        }

        return found;
    }

    /// <summary>
    /// Creates or replaces several agents, in one round trip where the store can (bulk imports): same semantics as
    /// <see cref="UpsertAsync"/> for each agent, in order. The default implementation calls <see cref="UpsertAsync"/>
    /// for each.
    /// </summary>
    /// <param name="agents">The agents as HR knows them now.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What the upsert did to each agent, in the order given.</returns>
    async Task<IReadOnlyList<UpsertOutcome>> UpsertManyAsync(IReadOnlyList<Agent> agents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agents);
        var outcomes = new UpsertOutcome[agents.Count];
        for (var i = 0; i < agents.Count; i++)
        {
            outcomes[i] = await UpsertAsync(agents[i], cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }
}
