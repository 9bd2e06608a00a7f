using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Repositories;

/// <summary>
/// Idempotent insertion of an append-only row identified by a natural key: the stored row when there is one, otherwise
/// the new row; a concurrent writer that stored the same key first wins, and its row is returned.
/// </summary>
internal static class InsertOnce
{
    /// <summary>Finds the row with <paramref name="find"/>, or inserts the one <paramref name="create"/> makes.</summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="db">The context.</param>
    /// <param name="find">Reads the stored row with the same natural key (no tracking).</param>
    /// <param name="create">Makes the row to insert.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored row, and whether this call inserted it.</returns>
    public static async Task<(TEntity Entity, bool Created)> FindOrInsertAsync<TEntity>(
        this AiLiteracyDbContext db, Func<CancellationToken, Task<TEntity?>> find, Func<TEntity> create, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (await find(cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return (existing, false);
        }

        var entity = create();
        db.Set<TEntity>().Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return (entity, true);
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            db.Entry(entity).State = EntityState.Detached;
            if (await find(cancellationToken).ConfigureAwait(false) is not { } stored)
            {
                throw;
            }

            return (stored, false);
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }
}
