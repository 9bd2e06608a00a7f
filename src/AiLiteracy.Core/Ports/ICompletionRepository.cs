using AiLiteracy.Model;

namespace AiLiteracy.Ports;

/// <summary>A completion as stored, with its storage identity and the time it was recorded.</summary>
public sealed record CompletionRecord
{
    /// <summary>Storage identifier of the record (opaque, stable).</summary>
    public required string Id { get; init; }

    /// <summary>The completion.</summary>
    public required Completion Completion { get; init; }

    /// <summary>When the record was stored.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The recording order of the record in the store (increasing; incremental exports resume after it); 0 when the store does not expose one.</summary>
    public long Position { get; init; }

    /// <summary>When the completion was withdrawn (its xAPI statement voided), or <see langword="null"/>. A withdrawn completion no longer counts.</summary>
    public DateTimeOffset? WithdrawnAt { get; init; }
}

/// <summary>The result of recording a completion.</summary>
/// <param name="Record">The stored record: the new one, or the one stored by an earlier identical submission.</param>
/// <param name="Created"><see langword="true"/> when this call stored it; <see langword="false"/> when it was already there.</param>
public sealed record CompletionWriteResult(CompletionRecord Record, bool Created);

/// <summary>The completions of the current tenant (<i>attestations de formation</i>).</summary>
public interface ICompletionRepository
{
    /// <summary>
    /// Records a completion idempotently: a completion with the same source and external id, or, without an external
    /// id, the same agent, module, module version, date and outcome, is stored once; a repeated submission returns the
    /// stored record. Safe under concurrent identical submissions.
    /// </summary>
    /// <param name="completion">The completion.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored record and whether this call created it.</returns>
    Task<CompletionWriteResult> RecordCompletionAsync(Completion completion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records several completions idempotently, in one round trip and one write where the store can (bulk imports):
    /// the same semantics as <see cref="RecordCompletionAsync"/> for each completion, in the order given. A completion
    /// that repeats a stored one, or an earlier one of the same call, stores nothing and returns the record stored
    /// first. The default implementation calls <see cref="RecordCompletionAsync"/> for each.
    /// </summary>
    /// <param name="completions">The completions.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>For each completion, in the order given, the stored record and whether this call created it.</returns>
    async Task<IReadOnlyList<CompletionWriteResult>> RecordCompletionsAsync(IReadOnlyList<Completion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        var results = new CompletionWriteResult[completions.Count];
        for (var i = 0; i < completions.Count; i++)
        {
            results[i] = await RecordCompletionAsync(completions[i], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>Gets a record by its storage id.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    Task<CompletionRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists an agent's completions, oldest first.</summary>
    /// <param name="employeeNumber">The HR employee number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The records.</returns>
    Task<IReadOnlyList<CompletionRecord>> ListByAgentAsync(string employeeNumber, CancellationToken cancellationToken = default);

    /// <summary>Lists completions recorded at or after <paramref name="since"/>, in recording order (incremental export to HR).</summary>
    /// <param name="since">The earliest recording time.</param>
    /// <param name="page">The page to read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The page.</returns>
    Task<Page<CompletionRecord>> ListSinceAsync(DateTimeOffset since, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Streams every completion of the tenant in recording order (reports, literacy register).</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<CompletionRecord> StreamAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Withdraws the completion recorded from <paramref name="source"/> with <paramref name="externalId"/> (a voided xAPI
    /// statement): the record is kept, marked withdrawn, and no longer listed by <see cref="ListByAgentAsync"/>,
    /// <see cref="ListSinceAsync"/> or <see cref="StreamAllAsync"/>; recording it again stores nothing. Idempotent.
    /// </summary>
    /// <param name="source">The source of the completion.</param>
    /// <param name="externalId">Its id in the source.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The withdrawn record and whether this call withdrew it, or <see langword="null"/> when no such completion exists.</returns>
    Task<CompletionWriteResult?> WithdrawAsync(CompletionSource source, string externalId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This store cannot withdraw completions.");

    /// <summary>Lists up to <paramref name="maxCount"/> records stored after <paramref name="afterPosition"/>, in recording order, withdrawn ones included (incremental export).</summary>
    /// <param name="afterPosition">The <see cref="CompletionRecord.Position"/> of the last record already handled (0 for the start).</param>
    /// <param name="maxCount">The most records returned (1 to 1000).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The records, in recording order.</returns>
    Task<IReadOnlyList<CompletionRecord>> ListAfterAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This store cannot list completions by position.");

    /// <summary>Lists the records withdrawn after <paramref name="since"/>, in withdrawal order (incremental export of cancellations).</summary>
    /// <param name="since">The withdrawal time already handled (exclusive).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The withdrawn records.</returns>
    Task<IReadOnlyList<CompletionRecord>> ListWithdrawnAfterAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This store cannot list withdrawn completions.");
}
