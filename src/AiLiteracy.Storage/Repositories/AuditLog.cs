using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Repositories;

/// <summary>EF Core implementation of <see cref="IAuditLog"/>: insert-only (the context refuses updates and deletes).</summary>
internal sealed class AuditLog(AiLiteracyDbContext db, TimeProvider time) : IAuditLog
{
    public async Task<AuditEntry> WriteAsync(string actor, string action, string? target = null, string? details = null, CancellationToken cancellationToken = default)
    {
        Internal.Required(actor, nameof(actor));
        Internal.Required(action, nameof(action));
        var entity = new AuditLogEntity
        {
            Id = Internal.NewId(time),
            OccurredAt = Internal.Now(time),
            Actor = actor,
            Action = action,
            Target = target,
            Details = details,
        };
        db.AuditLog.Add(entity);
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

    public async Task<Page<AuditEntry>> ListAsync(AuditFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var query = db.AuditLog.AsNoTracking();
        if (filter.From?.ToUniversalTime() is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (filter.To?.ToUniversalTime() is { } to)
        {
            query = query.Where(e => e.OccurredAt < to);
        }

        if (filter.Actor is { } actor)
        {
            query = query.Where(e => e.Actor == actor);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (Internal.DecodeLongToken(page.ContinuationToken) is { } before)
        {
            query = query.Where(e => e.Sequence < before);
        }

        var rows = await query.OrderByDescending(e => e.Sequence).Take(page.PageSize + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        var more = rows.Count > page.PageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new Page<AuditEntry>(rows.Select(r => r.ToModel()).ToList(), more ? Internal.EncodeToken(rows[^1].Sequence) : null);
    }
}
