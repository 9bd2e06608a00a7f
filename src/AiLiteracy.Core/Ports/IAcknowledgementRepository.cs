using AiLiteracy.Model;

namespace AiLiteracy.Ports;

/// <summary>The charter acknowledgements of the current tenant: agent A accepted charter version V on date D.</summary>
public interface IAcknowledgementRepository
{
    /// <summary>Records an acknowledgement; an agent acknowledges a charter version once, and a repeat keeps the first date.</summary>
    /// <param name="acknowledgement">The acknowledgement.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored acknowledgement and whether this call created it.</returns>
    Task<(Acknowledgement Acknowledgement, bool Created)> RecordAsync(Acknowledgement acknowledgement, CancellationToken cancellationToken = default);

    /// <summary>Lists an agent's acknowledgements, by charter version.</summary>
    /// <param name="employeeNumber">The HR employee number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The acknowledgements.</returns>
    Task<IReadOnlyList<Acknowledgement>> ListByAgentAsync(string employeeNumber, CancellationToken cancellationToken = default);

    /// <summary>Streams every acknowledgement of the tenant, by employee number then charter version.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The acknowledgements.</returns>
    IAsyncEnumerable<Acknowledgement> StreamAllAsync(CancellationToken cancellationToken = default);
}
