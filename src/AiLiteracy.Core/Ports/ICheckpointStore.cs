namespace AiLiteracy.Ports;

/// <summary>A named checkpoint of a long-running exchange: where an incremental export or sync got to.</summary>
/// <param name="Name">The checkpoint name, e.g. <c>completions-export:csv</c>.</param>
/// <param name="State">The state, as the use case wrote it (JSON).</param>
/// <param name="UpdatedAt">When it was last written.</param>
public sealed record Checkpoint(string Name, string State, DateTimeOffset UpdatedAt);

/// <summary>
/// Durable checkpoints of the current tenant (watermarks of incremental exports to HR, of syncs from an LRS or an HR
/// API), so that the next run resumes where the last one stopped, after a crash too.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Gets a checkpoint.</summary>
    /// <param name="name">The checkpoint name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when never written.</returns>
    Task<Checkpoint?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a checkpoint.</summary>
    /// <param name="name">The checkpoint name (at most 200 characters).</param>
    /// <param name="state">The state (JSON).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored checkpoint.</returns>
    Task<Checkpoint> SetAsync(string name, string state, CancellationToken cancellationToken = default);
}
