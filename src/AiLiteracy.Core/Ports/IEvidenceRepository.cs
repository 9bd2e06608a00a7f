using AiLiteracy.Model;

namespace AiLiteracy.Ports;

/// <summary>The append-only evidence log of the current tenant: entries are added, never edited nor deleted.</summary>
public interface IEvidenceRepository
{
    /// <summary>Appends an entry; appending an id already in the log stores nothing and returns the stored entry.</summary>
    /// <param name="evidence">The entry.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored entry and whether this call appended it.</returns>
    Task<(Evidence Evidence, bool Created)> AppendAsync(Evidence evidence, CancellationToken cancellationToken = default);

    /// <summary>Lists an agent's evidence in the order it was appended.</summary>
    /// <param name="employeeNumber">The HR employee number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<Evidence>> ListByAgentAsync(string employeeNumber, CancellationToken cancellationToken = default);

    /// <summary>Streams the whole log of the tenant in the order it was appended.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The entries.</returns>
    IAsyncEnumerable<Evidence> StreamAllAsync(CancellationToken cancellationToken = default);
}
