using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Storage.Repositories;

/// <summary>EF Core implementation of <see cref="IOutbox"/> for the current tenant.</summary>
internal sealed class Outbox(AiLiteracyDbContext db, TimeProvider time) : IOutbox
{
    public async Task<OutboxEvent> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Internal.Required(message.EventType, nameof(message.EventType));
        Internal.Required(message.PayloadJson, nameof(message.PayloadJson));
        var now = Internal.Now(time);
        var entity = new OutboxEventEntity
        {
            Id = Internal.NewId(time),
            EventType = message.EventType,
            Payload = message.PayloadJson,
            CreatedAt = now,
            AvailableAt = message.AvailableAt is { } at && at > now ? at.ToUniversalTime() : now,
        };
        db.OutboxEvents.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return entity.ToModel();
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public async Task<OutboxEvent?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        if (!Mapping.TryParseId(eventId, out var id))
        {
            return null;
        }

        var entity = await db.OutboxEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        return entity?.ToModel();
    }

    public async Task<IReadOnlyList<OutboxEvent>> ListDeadLetteredAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.OutboxEvents.AsNoTracking()
            .Where(e => e.DeadLetteredAt != null)
            .OrderByDescending(e => e.DeadLetteredAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<bool> RequeueAsync(string eventId, CancellationToken cancellationToken = default)
    {
        if (!Mapping.TryParseId(eventId, out var id))
        {
            return false;
        }

        var entity = await db.OutboxEvents.FirstOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return false;
        }

        try
        {
            if (entity.DeadLetteredAt is null)
            {
                return false;
            }

            entity.DeadLetteredAt = null;
            entity.Attempts = 0;
            entity.ClaimedBy = null;
            entity.ClaimedUntil = null;
            entity.AvailableAt = Internal.Now(time);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }
}

/// <summary>EF Core implementation of <see cref="IOutboxQueue"/>, across tenants, with leases.</summary>
internal sealed class OutboxQueue(
    AiLiteracyDbContext db,
    TimeProvider time,
    IOptions<AiLiteracyStorageOptions> options,
    ILogger<OutboxQueue> logger) : IOutboxQueue
{
    public async Task<IReadOnlyList<OutboxEvent>> ClaimAsync(string workerId, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        Internal.Required(workerId, nameof(workerId));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = Internal.Now(time);
        var rows = await db.ClaimOutboxEventsAsync(workerId, maxCount, now, now + lease, cancellationToken).ConfigureAwait(false);
        if (rows.Count > 0)
        {
            StorageLog.OutboxClaimed(logger, workerId, rows.Count);
        }

        return rows.OrderBy(r => r.AvailableAt).ThenBy(r => r.Id).Select(r => r.ToModel()).ToList();
    }

    public async Task<bool> MarkDeliveredAsync(string eventId, string workerId, CancellationToken cancellationToken = default)
    {
        Internal.Required(workerId, nameof(workerId));
        if (!Mapping.TryParseId(eventId, out var id))
        {
            return false;
        }

        var now = Internal.Now(time);
        var updated = await db.OutboxEvents.IgnoreQueryFilters()
            .Where(e => e.Id == id && e.ClaimedBy == workerId && e.DeliveredAt == null && e.DeadLetteredAt == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(e => e.DeliveredAt, now)
                    .SetProperty(e => e.ClaimedBy, (string?)null)
                    .SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(e => e.LastError, (string?)null),
                cancellationToken)
            .ConfigureAwait(false);
        return updated == 1;
    }

    public async Task<OutboxFailureResult?> MarkFailedAsync(string eventId, string workerId, string error, CancellationToken cancellationToken = default)
    {
        Internal.Required(workerId, nameof(workerId));
        if (!Mapping.TryParseId(eventId, out var id))
        {
            return null;
        }

        var row = await db.OutboxEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Id == id && e.ClaimedBy == workerId && e.DeliveredAt == null && e.DeadLetteredAt == null)
            .Select(e => new { e.Attempts, e.EventType })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var settings = options.Value;
        var now = Internal.Now(time);
        var lastError = string.IsNullOrEmpty(error) ? null : (error.Length > 1000 ? error[..1000] : error);
        var scope = db.OutboxEvents.IgnoreQueryFilters()
            .Where(e => e.Id == id && e.ClaimedBy == workerId && e.Attempts == row.Attempts && e.DeliveredAt == null && e.DeadLetteredAt == null);
        if (row.Attempts >= settings.OutboxMaxAttempts)
        {
            var updated = await scope.ExecuteUpdateAsync(
                    s => s.SetProperty(e => e.DeadLetteredAt, now)
                        .SetProperty(e => e.ClaimedBy, (string?)null)
                        .SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null)
                        .SetProperty(e => e.LastError, lastError),
                    cancellationToken)
                .ConfigureAwait(false);
            if (updated != 1)
            {
                return null;
            }

            StorageLog.OutboxDeadLettered(logger, eventId, row.EventType, row.Attempts);
            return new OutboxFailureResult(DeadLettered: true, NextAttemptAt: null);
        }

        var next = now + settings.RetryDelay(row.Attempts);
        var rescheduled = await scope.ExecuteUpdateAsync(
                s => s.SetProperty(e => e.AvailableAt, next)
                    .SetProperty(e => e.ClaimedBy, (string?)null)
                    .SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(e => e.LastError, lastError),
                cancellationToken)
            .ConfigureAwait(false);
        if (rescheduled != 1)
        {
            return null;
        }

        StorageLog.OutboxRescheduled(logger, eventId, row.EventType, row.Attempts, next);
        return new OutboxFailureResult(DeadLettered: false, NextAttemptAt: next);
    }
}

/// <summary>
/// EF Core implementation of <see cref="IUnitOfWork"/> over the scope's context. On SQLite, write transactions of the
/// process queue at the <see cref="SqliteWriteGate"/> before they begin.
/// </summary>
internal sealed class UnitOfWork(AiLiteracyDbContext db, SqliteWriteGate? gate = null) : IUnitOfWork
{
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }

        using var entered = gate is null ? null : await gate.EnterAsync(db, cancellationToken).ConfigureAwait(false);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                var result = await work(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch
            {
                // Rows saved inside the rolled-back transaction must not linger as tracked, committed-looking state.
                db.ChangeTracker.Clear();
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }
}
