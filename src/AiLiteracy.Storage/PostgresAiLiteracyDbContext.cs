using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using AiLiteracy.Storage.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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

    /// <summary>Reads the agent and their records in one round trip: a batch of four statements.</summary>
    /// <param name="employeeNumber">The employee number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The rows, or <see langword="null"/> when the agent is unknown or no tenant is set.</returns>
    internal override async Task<AgentRecordRows?> ReadAgentRecordsAsync(string employeeNumber, CancellationToken cancellationToken)
    {
        var tenant = CurrentTenantId;
        if (string.IsNullOrEmpty(tenant))
        {
            return null; // like the query filters: no tenant, no rows
        }

        var connection = (NpgsqlConnection)Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    Statement("""SELECT * FROM "agents" WHERE "tenant_id" = $1 AND "employee_number" = $2"""),
                    Statement("""SELECT * FROM "completions" WHERE "tenant_id" = $1 AND "employee_number" = $2 AND "withdrawn_at" IS NULL ORDER BY "date", "sequence" """),
                    Statement("""SELECT * FROM "acknowledgements" WHERE "tenant_id" = $1 AND "employee_number" = $2 ORDER BY "charter_version" """),
                    Statement("""SELECT * FROM "evidence" WHERE "tenant_id" = $1 AND "employee_number" = $2 ORDER BY "sequence" """),
                },
            };
            if (Database.CurrentTransaction?.GetDbTransaction() is NpgsqlTransaction transaction)
            {
                batch.Transaction = transaction;
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            AgentEntity? agent = null;
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                agent = PostgresRows.Agent(reader);
            }

            if (agent is null)
            {
                return null;
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var completions = await PostgresRows.ReadAllAsync(reader, PostgresRows.Completion, cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var acknowledgements = await PostgresRows.ReadAllAsync(reader, PostgresRows.Acknowledgement, cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var evidence = await PostgresRows.ReadAllAsync(reader, PostgresRows.Evidence, cancellationToken).ConfigureAwait(false);
            return new AgentRecordRows(agent, completions, acknowledgements, evidence);
        }
        finally
        {
            if (opened)
            {
                await Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }

        NpgsqlBatchCommand Statement(string sql) => new(sql)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = tenant, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar },
                new NpgsqlParameter { Value = employeeNumber, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar },
            },
        };
    }
}
