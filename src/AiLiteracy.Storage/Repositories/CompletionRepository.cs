using System.Runtime.CompilerServices;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Storage.Repositories;

/// <summary>EF Core implementation of <see cref="ICompletionRepository"/>: idempotent through unique indexes.</summary>
internal sealed class CompletionRepository(AiLiteracyDbContext db, TimeProvider time, ILogger<CompletionRepository> logger) : ICompletionRepository
{
    public async Task<CompletionWriteResult> RecordCompletionAsync(Completion completion, CancellationToken cancellationToken = default)
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

        var existing = await FindExistingAsync(completion, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new CompletionWriteResult(existing.ToRecord(), Created: false);
        }

        var entity = new CompletionEntity
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
            RecordedAt = Internal.Now(time),
        };
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
