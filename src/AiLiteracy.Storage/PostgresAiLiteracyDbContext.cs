using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiLiteracy.Storage;

/// <summary>
/// The store on PostgreSQL, for production and for several server instances sharing one database: outbox events are
/// claimed with <c>SELECT … FOR UPDATE SKIP LOCKED</c> so instances never double-send.
/// </summary>
public sealed class PostgresAiLiteracyDbContext : AiLiteracyDbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">EF Core options configured with <c>UseNpgsql</c>.</param>
    /// <param name="tenantContext">The current tenant.</param>
    public PostgresAiLiteracyDbContext(DbContextOptions<PostgresAiLiteracyDbContext> options, ITenantContext tenantContext)
        : base(options, tenantContext)
    {
    }

    /// <inheritdoc />
    protected internal override bool IsUniqueViolation(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc />
    protected internal override async Task<List<OutboxEventEntity>> ClaimOutboxEventsAsync(
        string workerId, int maxCount, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var rows = await OutboxEvents
            .FromSqlRaw(
                """
                UPDATE "outbox_events" AS o
                SET "claimed_by" = @worker, "claimed_until" = @until, "attempts" = o."attempts" + 1
                FROM (
                    SELECT "id" FROM "outbox_events"
                    WHERE "delivered_at" IS NULL AND "dead_lettered_at" IS NULL
                      AND "available_at" <= @now
                      AND ("claimed_until" IS NULL OR "claimed_until" <= @now)
                    ORDER BY "available_at", "id"
                    LIMIT @max
                    FOR UPDATE SKIP LOCKED) AS due
                WHERE o."id" = due."id"
                RETURNING o.*
                """,
                new NpgsqlParameter("worker", workerId),
                new NpgsqlParameter("until", leaseUntil.ToUniversalTime()),
                new NpgsqlParameter("now", now.ToUniversalTime()),
                new NpgsqlParameter("max", maxCount))
            .IgnoreQueryFilters()
            .AsNoTracking()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows;
    }
}
