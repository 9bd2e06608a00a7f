using System.Data.Common;
using System.Globalization;
using System.Text;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiLiteracy.Storage.Repositories;

/// <summary>
/// The multi-row insert of tenant-owned rows of one entity type, built from the EF Core model (table and column names,
/// and each column's type mapping, value conversions included, to bind parameters exactly as <c>SaveChanges</c> would),
/// in the SQL both providers accept: <c>INSERT … VALUES (…), (…) ON CONFLICT DO NOTHING RETURNING …</c>. A row that a
/// unique index already holds is skipped and returns nothing. Bulk SQL bypasses <c>SaveChanges</c>: the rows are
/// stamped with the current tenant here, as <c>SaveChanges</c> would.
/// </summary>
/// <typeparam name="TEntity">The entity type.</typeparam>
internal sealed class BulkInsert<TEntity>
    where TEntity : class, ITenantOwned
{
    /// <summary>Rows per insert statement on PostgreSQL: one round trip each (a few thousand parameters, well under its limit).</summary>
    public const int PostgresRowsPerStatement = 500;

    /// <summary>
    /// Rows per insert statement on SQLite: in process, a statement costs no round trip, but binding parameters by name
    /// grows with their number squared; small statements measured fastest (100,000 completions: 16 rows a statement
    /// about 4 times faster than EF Core's one command per row, and than 500 rows a statement).
    /// </summary>
    public const int SqliteRowsPerStatement = 16;

    private const int MaxKeptStatements = 4;
    private static BulkInsert<TEntity>? cached;
    private readonly (Func<TEntity, object?> Value, RelationalTypeMapping Mapping, bool Nullable)[] columns;
    private readonly string head;
    private readonly string tail;
    private readonly Dictionary<int, string> statements = [];

    private BulkInsert(IModel model, string head, string tail, (Func<TEntity, object?>, RelationalTypeMapping, bool)[] columns)
    {
        Model = model;
        this.head = head;
        this.tail = tail;
        this.columns = columns;
    }

    /// <summary>The model the statement was built from.</summary>
    public IModel Model { get; }

    /// <summary>
    /// The insert of <typeparamref name="TEntity"/> for <paramref name="model"/> (built once per model: one per provider).
    /// </summary>
    /// <param name="model">The model of the context.</param>
    /// <param name="values">The value of each written property, by property name: every property but the store-generated ones.</param>
    /// <param name="returning">The properties whose columns each inserted row returns, in this order.</param>
    public static BulkInsert<TEntity> For(IModel model, IReadOnlyDictionary<string, Func<TEntity, object?>> values, params string[] returning)
    {
        if (cached is { } insert && ReferenceEquals(insert.Model, model))
        {
            return insert;
        }

        var entityType = model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var names = new List<string>();
        var columns = new List<(Func<TEntity, object?>, RelationalTypeMapping, bool)>();
        var returned = new string?[returning.Length];
        foreach (var property in entityType.GetProperties())
        {
            var column = property.GetColumnName(table)!;
            var position = Array.IndexOf(returning, property.Name);
            if (position >= 0)
            {
                returned[position] = column;
            }

            if (!values.TryGetValue(property.Name, out var value))
            {
                if (property.ValueGenerated == ValueGenerated.OnAdd)
                {
                    continue;
                }

                throw new InvalidOperationException($"The bulk insert of {typeof(TEntity).Name} does not write the property {property.Name}.");
            }

            names.Add(column);
            columns.Add((value, property.GetRelationalTypeMapping(), property.IsNullable));
        }

        if (Array.IndexOf(returned, null) is var missing and >= 0)
        {
            throw new InvalidOperationException($"{typeof(TEntity).Name} has no property {returning[missing]}.");
        }

        static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        insert = new BulkInsert<TEntity>(
            model,
            $"INSERT INTO {(table.Schema is { } schema ? Quote(schema) + "." : "")}{Quote(table.Name)} ({string.Join(", ", names.Select(Quote))}) VALUES ",
            $" ON CONFLICT DO NOTHING RETURNING {string.Join(", ", returned.Select(c => Quote(c!)))}",
            [.. columns]);
        cached = insert;
        return insert;
    }

    /// <summary>
    /// Inserts <paramref name="entities"/> in the order given, several rows per statement, inside the current transaction
    /// or one of its own, after stamping each with the current tenant; <paramref name="readReturned"/> reads each row
    /// the database inserted (a row another writer stored meanwhile returns nothing).
    /// </summary>
    /// <param name="db">The context: its connection, current transaction and tenant.</param>
    /// <param name="entities">The new rows.</param>
    /// <param name="readReturned">Called for each inserted row, the reader on it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="InvalidOperationException">There is no current tenant.</exception>
    public async Task ExecuteAsync(AiLiteracyDbContext db, IReadOnlyList<TEntity> entities, Action<DbDataReader> readReturned, CancellationToken cancellationToken)
    {
        var tenant = db.CurrentTenantId;
        if (string.IsNullOrEmpty(tenant))
        {
            throw new InvalidOperationException("No current tenant: tenant-owned rows cannot be written without a tenant context.");
        }

        if (entities.Count == 0)
        {
            return;
        }

        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
                foreach (var chunk in entities.Chunk(db is SqliteAiLiteracyDbContext ? SqliteRowsPerStatement : PostgresRowsPerStatement))
                {
                    foreach (var entity in chunk)
                    {
                        entity.TenantId = tenant;
                    }

                    Prepare(command, chunk);
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            readReturned(reader);
                        }
                    }
                }
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sets the statement inserting <paramref name="entities"/> and binds their values.</summary>
    private void Prepare(DbCommand command, IReadOnlyList<TEntity> entities)
    {
        command.CommandText = Statement(entities.Count);
        command.Parameters.Clear();
        var p = 0;
        foreach (var entity in entities)
        {
            foreach (var (value, mapping, nullable) in columns)
            {
                command.Parameters.Add(mapping.CreateParameter(command, ParameterName(p++), value(entity), nullable));
            }
        }
    }

    /// <summary>The statement for <paramref name="rows"/> rows; the few sizes used most (full chunks) are kept.</summary>
    private string Statement(int rows)
    {
        lock (statements)
        {
            if (statements.TryGetValue(rows, out var sql))
            {
                return sql;
            }

            var builder = new StringBuilder(head, head.Length + tail.Length + (rows * columns.Length * 8));
            var p = 0;
            for (var r = 0; r < rows; r++)
            {
                builder.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    builder.Append(c == 0 ? "" : ", ").Append(ParameterName(p++));
                }

                builder.Append(')');
            }

            sql = builder.Append(tail).ToString();
            if (statements.Count < MaxKeptStatements)
            {
                statements[rows] = sql;
            }

            return sql;
        }
    }

    private static string ParameterName(int index) => "@p" + index.ToString(CultureInfo.InvariantCulture);
}
