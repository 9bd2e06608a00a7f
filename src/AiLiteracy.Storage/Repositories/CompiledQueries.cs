using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Repositories;

/// <summary>
/// The queries of the hot read path (an agent's status: the agent and their completions, acknowledgements and
/// evidence), compiled once per provider's context (a compiled query serves one model): EF Core then skips the
/// per-call expression analysis and cache lookup. The tenant filter still applies (it reads the tenant of the context
/// passed in).
/// </summary>
internal static class CompiledQueries
{
    public static Task<AgentEntity?> Agent(AiLiteracyDbContext db, string employeeNumber, CancellationToken cancellationToken) => db switch
    {
        SqliteAiLiteracyDbContext sqlite => For<SqliteAiLiteracyDbContext>.Agent(sqlite, employeeNumber, cancellationToken),
        PostgresAiLiteracyDbContext postgres => For<PostgresAiLiteracyDbContext>.Agent(postgres, employeeNumber, cancellationToken),
        _ => throw Unsupported(db),
    };

    public static IAsyncEnumerable<CompletionEntity> CompletionsOfAgent(AiLiteracyDbContext db, string employeeNumber) => db switch
    {
        SqliteAiLiteracyDbContext sqlite => For<SqliteAiLiteracyDbContext>.CompletionsOfAgent(sqlite, employeeNumber),
        PostgresAiLiteracyDbContext postgres => For<PostgresAiLiteracyDbContext>.CompletionsOfAgent(postgres, employeeNumber),
        _ => throw Unsupported(db),
    };

    public static IAsyncEnumerable<AcknowledgementEntity> AcknowledgementsOfAgent(AiLiteracyDbContext db, string employeeNumber) => db switch
    {
        SqliteAiLiteracyDbContext sqlite => For<SqliteAiLiteracyDbContext>.AcknowledgementsOfAgent(sqlite, employeeNumber),
        PostgresAiLiteracyDbContext postgres => For<PostgresAiLiteracyDbContext>.AcknowledgementsOfAgent(postgres, employeeNumber),
        _ => throw Unsupported(db),
    };

    public static IAsyncEnumerable<EvidenceEntity> EvidenceOfAgent(AiLiteracyDbContext db, string employeeNumber) => db switch
    {
        SqliteAiLiteracyDbContext sqlite => For<SqliteAiLiteracyDbContext>.EvidenceOfAgent(sqlite, employeeNumber),
        PostgresAiLiteracyDbContext postgres => For<PostgresAiLiteracyDbContext>.EvidenceOfAgent(postgres, employeeNumber),
        _ => throw Unsupported(db),
    };

    /// <summary>Reads every row of a compiled query, mapped.</summary>
    public static async Task<List<TResult>> ToListAsync<TEntity, TResult>(IAsyncEnumerable<TEntity> rows, Func<TEntity, TResult> map, CancellationToken cancellationToken)
    {
        var list = new List<TResult>();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(map(row));
        }

        return list;
    }

    private static NotSupportedException Unsupported(AiLiteracyDbContext db) => new($"No compiled queries for {db.GetType().Name}.");

    /// <summary>The queries compiled for one context type (one model).</summary>
    private static class For<TContext>
        where TContext : AiLiteracyDbContext
    {
        public static readonly Func<TContext, string, CancellationToken, Task<AgentEntity?>> Agent =
            EF.CompileAsyncQuery((TContext db, string employeeNumber, CancellationToken ct) =>
                db.Agents.AsNoTracking().FirstOrDefault(a => a.EmployeeNumber == employeeNumber));

        public static readonly Func<TContext, string, IAsyncEnumerable<CompletionEntity>> CompletionsOfAgent =
            EF.CompileAsyncQuery<TContext, string, CompletionEntity>((TContext db, string employeeNumber) =>
                db.Completions.AsNoTracking()
                    .Where(c => c.EmployeeNumber == employeeNumber && c.WithdrawnAt == null)
                    .OrderBy(c => c.Date).ThenBy(c => c.Sequence));

        public static readonly Func<TContext, string, IAsyncEnumerable<AcknowledgementEntity>> AcknowledgementsOfAgent =
            EF.CompileAsyncQuery<TContext, string, AcknowledgementEntity>((TContext db, string employeeNumber) =>
                db.Acknowledgements.AsNoTracking().Where(a => a.EmployeeNumber == employeeNumber).OrderBy(a => a.CharterVersion));

        public static readonly Func<TContext, string, IAsyncEnumerable<EvidenceEntity>> EvidenceOfAgent =
            EF.CompileAsyncQuery<TContext, string, EvidenceEntity>((TContext db, string employeeNumber) =>
                db.Evidence.AsNoTracking().Where(e => e.EmployeeNumber == employeeNumber).OrderBy(e => e.Sequence));
    }
}
