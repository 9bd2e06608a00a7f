using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Storage;

/// <summary>
/// Queues this process's write transactions on an SQLite database: SQLite lets one writer at a time in, and its busy
/// handler makes the others sleep and retry with growing pauses, which under load leaves some requests waiting far
/// longer than the writes before them took. Waiting on an in-process queue instead hands the database to the next
/// writer as soon as the previous one commits. Other processes on the same file still meet SQLite's busy timeout. A
/// writer that cannot enter within the busy timeout goes ahead unqueued (SQLite's locking still protects the file).
/// </summary>
internal sealed class SqliteWriteGate(IOptions<AiLiteracyStorageOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <summary>Enters the gate of <paramref name="db"/>'s database; <see langword="null"/> for other providers or after the timeout.</summary>
    /// <param name="db">The context about to begin a write transaction.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A handle leaving the gate when disposed, or <see langword="null"/>.</returns>
    public async ValueTask<IDisposable?> EnterAsync(AiLiteracyDbContext db, CancellationToken cancellationToken)
    {
        if (db is not SqliteAiLiteracyDbContext)
        {
            return null;
        }

        var gate = gates.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(options.Value.SqliteBusyTimeout, cancellationToken).ConfigureAwait(false)
            ? new Exit(gate)
            : null;
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
