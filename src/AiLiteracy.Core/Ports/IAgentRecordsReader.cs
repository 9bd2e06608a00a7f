using AiLiteracy.Model;

namespace AiLiteracy.Ports;

/// <summary>An agent with every record the engines judge them on.</summary>
/// <param name="Agent">The agent.</param>
/// <param name="Completions">Their completions (withdrawn ones excluded), by date then recording order.</param>
/// <param name="Acknowledgements">Their charter acknowledgements, by charter version.</param>
/// <param name="Evidence">Their competency evidence, in append order.</param>
public sealed record AgentRecords(
    Agent Agent,
    IReadOnlyList<CompletionRecord> Completions,
    IReadOnlyList<Acknowledgement> Acknowledgements,
    IReadOnlyList<Evidence> Evidence);

/// <summary>
/// Reads an agent of the current tenant with all their records at once: the hot path of status reads and completion
/// writes. A store reads them in one round trip where it can (one batch of statements on PostgreSQL); the result is
/// the same as <see cref="IAgentRepository.GetAsync"/> and the three <c>ListByAgentAsync</c> calls.
/// </summary>
public interface IAgentRecordsReader
{
    /// <summary>Reads the agent with <paramref name="employeeNumber"/> and their records.</summary>
    /// <param name="employeeNumber">The HR employee number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The agent and their records, or <see langword="null"/> when unknown.</returns>
    Task<AgentRecords?> GetAsync(string employeeNumber, CancellationToken cancellationToken = default);
}
