using System.Data.Common;
using System.Runtime.CompilerServices;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AiLiteracy.Storage;

/// <summary>
/// The store on SQLite, the embedded default for one authority on one machine. Connections run in WAL mode with a busy
/// timeout; times are stored as UTC ticks so they sort and compare in SQL.
/// </summary>
public sealed class SqliteAiLiteracyDbContext : AiLiteracyDbContext
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>Creates the context.</summary>
    /// <param name="options">EF Core options configured with <c>UseSqlite</c>.</param>
    /// <param name="tenantContext">The current tenant.</param>
    public SqliteAiLiteracyDbContext(DbContextOptions<SqliteAiLiteracyDbContext> options, ITenantContext tenantContext)
        : base(options, tenantContext)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    /// <inheritdoc />
    protected internal override bool IsUniqueViolation(DbUpdateException exception) =>
        exception?.InnerException is SqliteException
        {
            SqliteErrorCode: SqliteConstraint,
            SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        };

    /// <inheritdoc />
    protected internal override async Task<List<OutboxEventEntity>> ClaimOutboxEventsAsync(
        string workerId, int maxCount, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        // SQLite has a single writer: the conditional UPDATE runs atomically, so two claimers never get the same row.
        var rows = await OutboxEvents
            .FromSqlRaw(
                """
                UPDATE "outbox_events"
                SET "claimed_by" = @worker, "claimed_until" = @until, "attempts" = "attempts" + 1
                WHERE "id" IN (
                    SELECT "id" FROM "outbox_events"
                    WHERE "delivered_at" IS NULL AND "dead_lettered_at" IS NULL
                      AND "available_at" <= @now
                      AND ("claimed_until" IS NULL OR "claimed_until" <= @now)
                    ORDER BY "available_at", "id"
                    LIMIT @max)
                RETURNING *
                """,
                new SqliteParameter("@worker", workerId),
                new SqliteParameter("@until", leaseUntil.UtcTicks),
                new SqliteParameter("@now", now.UtcTicks),
                new SqliteParameter("@max", maxCount))
            .IgnoreQueryFilters()
            .AsNoTracking()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows;
    }

    private sealed class UtcTicksConverter : ValueConverter<DateTimeOffset, long>
    {
        public UtcTicksConverter()
            : base(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero))
        {
        }
    }
}

/// <summary>
/// Puts every SQLite connection in WAL mode with a busy timeout, foreign keys on and normal synchronisation. The
/// settings belong to the native connection, which Microsoft.Data.Sqlite pools: they are applied once per native
/// connection, not at every open (a request opens the connection for each query).
/// </summary>
internal sealed class SqlitePragmaInterceptor(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    /// <summary>The native connections already set up (weak: a closed native connection is collected with its entry).</summary>
    private readonly ConditionalWeakTable<object, object> initialized = new();

    // EF Core probes whether the file exists through a read-only connection, which cannot switch the journal mode.
    private static bool IsReadOnly(DbConnection connection) =>
        new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly;

    private string Pragmas => $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={busyTimeoutMilliseconds}; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkInitialized(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        MarkInitialized(connection);
    }

    private bool NeedsPragmas(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && initialized.TryGetValue(handle, out _))
        {
            return false; // this native connection was set up when it was first opened
        }

        return !IsReadOnly(connection);
    }

    private void MarkInitialized(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            initialized.AddOrUpdate(handle, handle);
        }
    }
}
