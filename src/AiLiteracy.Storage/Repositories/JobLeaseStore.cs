using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Repositories;

/// <summary>
/// EF Core implementation of <see cref="IJobLeaseStore"/>: a claim is one conditional <c>UPDATE</c> (or the
/// <c>INSERT</c> of the job's first row, guarded by its primary key). On PostgreSQL the row lock makes a concurrent
/// claimer re-check the condition after the winner commits and update nothing; SQLite has a single writer. Renewal,
/// completion and release are conditional updates on the holder's row in the same way.
/// </summary>
internal sealed class JobLeaseStore(AiLiteracyDbContext db, TimeProvider time) : IJobLeaseStore
{
    public async Task<bool> TryClaimAsync(string jobName, string holderId, TimeSpan lease, TimeSpan minimumInterval, CancellationToken cancellationToken = default)
    {
        Check(jobName, holderId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumInterval, TimeSpan.Zero);
        var now = Internal.Now(time);
        var until = now + lease;
        var completedBefore = now - minimumInterval;
        var claimed = await db.JobLeases
            .Where(j => j.JobName == jobName
                && (j.LeasedUntil == null || j.LeasedUntil <= now)
                && (j.LastCompletedAt == null || j.LastCompletedAt <= completedBefore))
            .ExecuteUpdateAsync(
                s => s.SetProperty(j => j.HolderId, holderId).SetProperty(j => j.LeasedUntil, until).SetProperty(j => j.LastStartedAt, now),
                cancellationToken)
            .ConfigureAwait(false);
        if (claimed == 1)
        {
            return true;
        }

        if (await db.JobLeases.AsNoTracking().AnyAsync(j => j.JobName == jobName, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var entity = new JobLeaseEntity { JobName = jobName, HolderId = holderId, LeasedUntil = until, LastStartedAt = now };
        db.JobLeases.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            return false; // created by a concurrent claimer, who holds it
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public async Task<bool> RenewAsync(string jobName, string holderId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        Check(jobName, holderId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var until = Internal.Now(time) + lease;
        return await Held(jobName, holderId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeasedUntil, until), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    public async Task<bool> CompleteAsync(string jobName, string holderId, CancellationToken cancellationToken = default)
    {
        Check(jobName, holderId);
        var now = Internal.Now(time);
        return await Held(jobName, holderId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeasedUntil, (DateTimeOffset?)null).SetProperty(j => j.LastCompletedAt, now), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    public async Task<bool> ReleaseAsync(string jobName, string holderId, CancellationToken cancellationToken = default)
    {
        Check(jobName, holderId);
        return await Held(jobName, holderId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeasedUntil, (DateTimeOffset?)null), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    public async Task<JobLeaseInfo?> GetAsync(string jobName, CancellationToken cancellationToken = default)
    {
        Internal.Required(jobName, nameof(jobName));
        var entity = await db.JobLeases.AsNoTracking().FirstOrDefaultAsync(j => j.JobName == jobName, cancellationToken).ConfigureAwait(false);
        return entity is null
            ? null
            : new JobLeaseInfo
            {
                JobName = entity.JobName,
                HolderId = entity.HolderId,
                LeasedUntil = entity.LeasedUntil,
                LastStartedAt = entity.LastStartedAt,
                LastCompletedAt = entity.LastCompletedAt,
            };
    }

    /// <summary>
    /// The job's row while <paramref name="holderId"/> holds the lease on it: claimed by it and neither completed nor
    /// released since, even if the lease ran out (as long as no other instance claimed the job meanwhile).
    /// </summary>
    private IQueryable<JobLeaseEntity> Held(string jobName, string holderId) =>
        db.JobLeases.Where(j => j.JobName == jobName && j.HolderId == holderId && j.LeasedUntil != null);

    private static void Check(string jobName, string holderId)
    {
        Internal.Required(jobName, nameof(jobName));
        Internal.Required(holderId, nameof(holderId));
        if (jobName.Length > 100)
        {
            throw new ArgumentException("A job name has at most 100 characters.", nameof(jobName));
        }

        if (holderId.Length > 200)
        {
            throw new ArgumentException("A holder id has at most 200 characters.", nameof(holderId));
        }
    }
}
