using System.Runtime.CompilerServices;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Repositories;

/// <summary>EF Core implementation of <see cref="IEvidenceRepository"/>: insert-only (the context refuses updates and deletes).</summary>
internal sealed class EvidenceRepository(AiLiteracyDbContext db, TimeProvider time) : IEvidenceRepository
{
    public async Task<(Evidence Evidence, bool Created)> AppendAsync(Evidence evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        Internal.Required(evidence.Id, nameof(evidence.Id));
        Internal.Required(evidence.EmployeeNumber, nameof(evidence.EmployeeNumber));
        Internal.Required(evidence.CompetencyId, nameof(evidence.CompetencyId));
        if (evidence.Level < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(evidence), evidence.Level, "The level must be at least 1.");
        }

        var (entity, created) = await db.FindOrInsertAsync(
            ct => FindAsync(evidence.Id, ct),
            () => new EvidenceEntity
            {
                EvidenceId = evidence.Id,
                EmployeeNumber = evidence.EmployeeNumber,
                CompetencyId = evidence.CompetencyId,
                Level = evidence.Level,
                Kind = evidence.Kind,
                Date = evidence.Date,
                Reference = evidence.Reference,
                RecordedAt = Internal.Now(time),
            },
            cancellationToken).ConfigureAwait(false);
        return (entity.ToModel(), created);
    }

    public async Task<IReadOnlyList<Evidence>> ListByAgentAsync(string employeeNumber, CancellationToken cancellationToken = default)
    {
        Internal.Required(employeeNumber, nameof(employeeNumber));
        return await CompiledQueries.ToListAsync(CompiledQueries.EvidenceOfAgent(db, employeeNumber), Mapping.ToModel, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<Evidence> StreamAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = db.Evidence.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return row.ToModel();
        }
    }

    private Task<EvidenceEntity?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Evidence.AsNoTracking().FirstOrDefaultAsync(e => e.EvidenceId == id, cancellationToken);
}
