using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Repositories;

/// <summary>EF Core implementation of <see cref="ICheckpointStore"/>.</summary>
internal sealed class CheckpointStore(AiLiteracyDbContext db, TimeProvider time) : ICheckpointStore
{
    public async Task<Checkpoint?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        Internal.Required(name, nameof(name));
        var entity = await db.Checkpoints.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new Checkpoint(entity.Name, entity.State, entity.UpdatedAt);
    }

    public async Task<Checkpoint> SetAsync(string name, string state, CancellationToken cancellationToken = default)
    {
        Internal.Required(name, nameof(name));
        ArgumentNullException.ThrowIfNull(state);
        if (name.Length > 200)
        {
            throw new ArgumentException("A checkpoint name has at most 200 characters.", nameof(name));
        }

        for (var attempt = 0; ; attempt++)
        {
            var entity = await db.Checkpoints.FirstOrDefaultAsync(c => c.Name == name, cancellationToken).ConfigureAwait(false);
            var added = entity is null;
            entity ??= db.Checkpoints.Add(new CheckpointEntity { Name = name }).Entity;
            entity.State = state;
            entity.UpdatedAt = Internal.Now(time);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return new Checkpoint(entity.Name, entity.State, entity.UpdatedAt);
            }
            catch (DbUpdateException ex) when (added && attempt == 0 && db.IsUniqueViolation(ex) && db.Database.CurrentTransaction is null)
            {
                // Written concurrently by another instance: update it instead.
            }
            finally
            {
                db.Entry(entity).State = EntityState.Detached;
            }
        }
    }
}
