using System.Runtime.CompilerServices;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Storage.Repositories;

/// <summary>EF Core implementation of <see cref="ICompletionRepository"/>: idempotent through unique indexes.</summary>
internal sealed class CompletionRepository(AiLiteracyDbContext db, TimeProvider time, ILogger<CompletionRepository> logger) : ICompletionRepository
{
    /// <summary>Keys per query in bulk reads (well under the parameter limits of both providers).</summary>
    private const int BulkChunkSize = 500;

    public async Task<CompletionWriteResult> RecordCompletionAsync(Completion completion, CancellationToken cancellationToken = default)
    {
        completion = Normalize(completion);
        var existing = await FindExistingAsync(completion, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new CompletionWriteResult(existing.ToRecord(), Created: false);
        }

        var entity = NewEntity(completion, Internal.Now(time));
        db.Completions.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new CompletionWriteResult(entity.ToRecord(), Created: true);
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            db.Entry(entity).State = EntityState.Detached;
            StorageLog.CompletionRaceResolved(logger);
            existing = await FindExistingAsync(completion, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                throw;
            }

            return new CompletionWriteResult(existing.ToRecord(), Created: false);
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public async Task<IReadOnlyList<CompletionWriteResult>> RecordCompletionsAsync(IReadOnlyList<Completion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        var normalized = new Completion[completions.Count];
        for (var i = 0; i < normalized.Length; i++)
        {
            normalized[i] = Normalize(completions[i]);
        }

        // Reads the stored completions of the batch (two queries per chunk of keys), then inserts the new ones with
        // multi-row INSERT … ON CONFLICT DO NOTHING statements: a completion another writer stored meanwhile is skipped
        // by the database (no error, so an enclosing PostgreSQL transaction stays usable) and read back.
        var stored = await FindExistingManyAsync(normalized, cancellationToken).ConfigureAwait(false);
        var results = new CompletionWriteResult?[normalized.Length];
        var added = new List<(int Index, CompletionEntity Entity)>();
        var repeats = new List<(int Index, CompletionEntity Entity)>();
        var addedByKey = new Dictionary<CompletionKey, CompletionEntity>();
        var now = Internal.Now(time);
        for (var i = 0; i < normalized.Length; i++)
        {
            var key = CompletionKey.Of(normalized[i]);
            if (stored.TryGetValue(key, out var existing))
            {
                results[i] = new CompletionWriteResult(existing.ToRecord(), Created: false);
            }
            else if (addedByKey.TryGetValue(key, out var first))
            {
                repeats.Add((i, first));
            }
            else
            {
                var entity = NewEntity(normalized[i], now);
                addedByKey.Add(key, entity);
                added.Add((i, entity));
            }
        }

        if (added.Count > 0)
        {
            await InsertNewAsync(normalized, added, repeats, results, cancellationToken).ConfigureAwait(false);
        }

        return results!;
    }

    public async Task<CompletionRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!Mapping.TryParseId(id, out var guid))
        {
            return null;
        }

        var entity = await db.Completions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == guid, cancellationToken).ConfigureAwait(false);
        return entity?.ToRecord();
    }

    public async Task<IReadOnlyList<CompletionRecord>> ListByAgentAsync(string employeeNumber, CancellationToken cancellationToken = default)
    {
        Internal.Required(employeeNumber, nameof(employeeNumber));
        return await CompiledQueries.ToListAsync(CompiledQueries.CompletionsOfAgent(db, employeeNumber), Mapping.ToRecord, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<CompletionRecord>> ListSinceAsync(DateTimeOffset since, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var after = Internal.DecodeLongToken(page.ContinuationToken);
        var from = since.ToUniversalTime();
        var query = db.Completions.AsNoTracking().Where(c => c.RecordedAt >= from && c.WithdrawnAt == null);
        if (after is { } position)
        {
            query = query.Where(c => c.Sequence > position);
        }

        var rows = await query.OrderBy(c => c.Sequence).Take(page.PageSize + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var more = rows.Count > page.PageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new Page<CompletionRecord>(rows.Select(r => r.ToRecord()).ToList(), more ? Internal.EncodeToken(rows[^1].Sequence) : null);
    }

    public async IAsyncEnumerable<CompletionRecord> StreamAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = db.Completions.AsNoTracking().Where(c => c.WithdrawnAt == null).OrderBy(c => c.Sequence).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return row.ToRecord();
        }
    }

    public async Task<CompletionWriteResult?> WithdrawAsync(CompletionSource source, string externalId, CancellationToken cancellationToken = default)
    {
        Internal.Required(externalId, nameof(externalId));
        var entity = await db.Completions.FirstOrDefaultAsync(c => c.Source == source && c.ExternalId == externalId, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        try
        {
            if (entity.WithdrawnAt is not null)
            {
                return new CompletionWriteResult(entity.ToRecord(), Created: false);
            }

            entity.WithdrawnAt = Internal.Now(time);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new CompletionWriteResult(entity.ToRecord(), Created: true);
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public async Task<IReadOnlyList<CompletionRecord>> ListAfterAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, PageRequest.MaxPageSize);
        var rows = await db.Completions.AsNoTracking().Where(c => c.Sequence > afterPosition)
            .OrderBy(c => c.Sequence).Take(maxCount).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<CompletionRecord>> ListWithdrawnAfterAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var from = since.ToUniversalTime();
        var rows = await db.Completions.AsNoTracking().Where(c => c.WithdrawnAt != null && c.WithdrawnAt > from)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderBy(r => r.WithdrawnAt).ThenBy(r => r.Sequence).Select(r => r.ToRecord()).ToList();
    }

    /// <summary>
    /// Inserts the new completions of a batch, several rows per statement, with the parameters
    /// EF Core would bind (the model's column names and value conversions), inside the current transaction or one of
    /// its own. A row another writer stored meanwhile inserts nothing: it is read back and reported as already recorded.
    /// </summary>
    private async Task InsertNewAsync(
        Completion[] completions,
        List<(int Index, CompletionEntity Entity)> added,
        List<(int Index, CompletionEntity Entity)> repeats,
        CompletionWriteResult?[] results,
        CancellationToken cancellationToken)
    {
        var inserted = new Dictionary<Guid, long>(added.Count);
        await CompletionInsert.For(db.Model).ExecuteAsync(
            db,
            added.ConvertAll(a => a.Entity),
            reader => inserted[reader.GetGuid(0)] = reader.GetInt64(1),
            cancellationToken).ConfigureAwait(false);

        var lost = new HashSet<CompletionEntity>();
        foreach (var (_, entity) in added)
        {
            if (inserted.TryGetValue(entity.Id, out var sequence))
            {
                entity.Sequence = sequence;
            }
            else
            {
                lost.Add(entity);
            }
        }

        Dictionary<CompletionKey, CompletionEntity>? stored = null;
        if (lost.Count > 0)
        {
            StorageLog.CompletionRaceResolved(logger);
            stored = await FindExistingManyAsync(added.Where(a => lost.Contains(a.Entity)).Select(a => completions[a.Index]).ToArray(), cancellationToken).ConfigureAwait(false);
        }

        CompletionWriteResult ResultOf(CompletionEntity entity, int index, bool first)
        {
            if (!lost.Contains(entity))
            {
                return new CompletionWriteResult(entity.ToRecord(), Created: first);
            }

            var existing = stored!.GetValueOrDefault(CompletionKey.Of(completions[index]))
                ?? throw new InvalidOperationException("A completion was neither inserted nor found: a uniqueness conflict outside its idempotency keys.");
            return new CompletionWriteResult(existing.ToRecord(), Created: false);
        }

        foreach (var (index, entity) in added)
        {
            results[index] = ResultOf(entity, index, first: true);
        }

        foreach (var (index, entity) in repeats)
        {
            results[index] = ResultOf(entity, index, first: false);
        }
    }

    /// <summary>Checks a completion as <see cref="RecordCompletionAsync"/> stores it: a blank external id counts as none.</summary>
    private static Completion Normalize(Completion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        Internal.Required(completion.EmployeeNumber, nameof(completion.EmployeeNumber));
        Internal.Required(completion.ModuleId, nameof(completion.ModuleId));
        if (completion.ExternalId is not null && string.IsNullOrWhiteSpace(completion.ExternalId))
        {
            completion = completion with { ExternalId = null };
        }

        if (completion.Score is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(completion), completion.Score, "The score must be between 0 and 100.");
        }

        return completion;
    }

    private CompletionEntity NewEntity(Completion completion, DateTimeOffset now) => new()
    {
        Id = Internal.NewId(time),
        EmployeeNumber = completion.EmployeeNumber,
        ModuleId = completion.ModuleId,
        ModuleVersion = completion.ModuleVersion,
        Date = completion.Date,
        Outcome = completion.Outcome,
        Score = completion.Score,
        DeliveryMode = completion.DeliveryMode,
        Source = completion.Source,
        EvidenceUrl = completion.EvidenceUrl,
        ExternalId = completion.ExternalId,
        RecordedAt = now,
    };

    /// <summary>The stored completions (withdrawn ones included) that have the idempotency key of one of <paramref name="completions"/>.</summary>
    private async Task<Dictionary<CompletionKey, CompletionEntity>> FindExistingManyAsync(IReadOnlyList<Completion> completions, CancellationToken cancellationToken)
    {
        var wanted = completions.Select(CompletionKey.Of).ToHashSet();
        var found = new Dictionary<CompletionKey, CompletionEntity>(wanted.Count);
        void Keep(List<CompletionEntity> rows)
        {
            foreach (var row in rows)
            {
                var key = CompletionKey.Of(row);
                if (wanted.Contains(key))
                {
                    found.TryAdd(key, row);
                }
            }
        }

        foreach (var bySource in wanted.Where(k => k.ExternalId is not null).GroupBy(k => k.Source))
        {
            var source = bySource.Key;
            foreach (var chunk in bySource.Select(k => k.ExternalId).Chunk(BulkChunkSize))
            {
                Keep(await db.Completions.AsNoTracking().Where(e => e.Source == source && chunk.Contains(e.ExternalId))
                    .ToListAsync(cancellationToken).ConfigureAwait(false));
            }
        }

        var natural = wanted.Where(k => k.ExternalId is null).ToList();
        if (natural.Count > 0)
        {
            var modules = natural.Select(k => k.ModuleId!).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var chunk in natural.Select(k => k.EmployeeNumber!).Distinct(StringComparer.Ordinal).Chunk(BulkChunkSize))
            {
                Keep(await db.Completions.AsNoTracking()
                    .Where(e => e.ExternalId == null && chunk.Contains(e.EmployeeNumber) && modules.Contains(e.ModuleId))
                    .ToListAsync(cancellationToken).ConfigureAwait(false));
            }
        }

        return found;
    }

    private Task<CompletionEntity?> FindExistingAsync(Completion c, CancellationToken cancellationToken)
    {
        var query = db.Completions.AsNoTracking();
        query = c.ExternalId is { } externalId
            ? query.Where(e => e.Source == c.Source && e.ExternalId == externalId)
            : query.Where(e => e.ExternalId == null
                && e.EmployeeNumber == c.EmployeeNumber
                && e.ModuleId == c.ModuleId
                && e.ModuleVersion == c.ModuleVersion
                && e.Date == c.Date
                && e.Outcome == c.Outcome);
        return query.FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>
/// The idempotency key of a completion: its source and external id, or without an external id its agent, module,
/// module version, date and outcome (the two unique indexes of the completions table).
/// </summary>
internal readonly record struct CompletionKey(
    CompletionSource Source, string? ExternalId, string? EmployeeNumber, string? ModuleId, int ModuleVersion, DateOnly Date, CompletionOutcome Outcome)
{
    public static CompletionKey Of(Completion c) => c.ExternalId is { } externalId
        ? new(c.Source, externalId, null, null, 0, default, default)
        : new(default, null, c.EmployeeNumber, c.ModuleId, c.ModuleVersion, c.Date, c.Outcome);

    public static CompletionKey Of(CompletionEntity e) => e.ExternalId is { } externalId
        ? new(e.Source, externalId, null, null, 0, default, default)
        : new(default, null, e.EmployeeNumber, e.ModuleId, e.ModuleVersion, e.Date, e.Outcome);
}

/// <summary>
/// The multi-row insert of completions (<see cref="BulkInsert{TEntity}"/>): every column but the store-generated
/// sequence, returning the id and sequence of each inserted row.
/// </summary>
internal static class CompletionInsert
{
    private static readonly Dictionary<string, Func<CompletionEntity, object?>> Values = new(StringComparer.Ordinal)
    {
        [nameof(CompletionEntity.Id)] = e => e.Id,
        [nameof(CompletionEntity.TenantId)] = e => e.TenantId,
        [nameof(CompletionEntity.EmployeeNumber)] = e => e.EmployeeNumber,
        [nameof(CompletionEntity.ModuleId)] = e => e.ModuleId,
        [nameof(CompletionEntity.ModuleVersion)] = e => e.ModuleVersion,
        [nameof(CompletionEntity.Date)] = e => e.Date,
        [nameof(CompletionEntity.Outcome)] = e => e.Outcome,
        [nameof(CompletionEntity.Score)] = e => e.Score,
        [nameof(CompletionEntity.DeliveryMode)] = e => e.DeliveryMode,
        [nameof(CompletionEntity.Source)] = e => e.Source,
        [nameof(CompletionEntity.EvidenceUrl)] = e => e.EvidenceUrl,
        [nameof(CompletionEntity.ExternalId)] = e => e.ExternalId,
        [nameof(CompletionEntity.RecordedAt)] = e => e.RecordedAt,
        [nameof(CompletionEntity.WithdrawnAt)] = e => e.WithdrawnAt,
    };

    /// <summary>The insert for <paramref name="model"/>.</summary>
    public static BulkInsert<CompletionEntity> For(IModel model) =>
        BulkInsert<CompletionEntity>.For(model, Values, nameof(CompletionEntity.Id), nameof(CompletionEntity.Sequence));
}
