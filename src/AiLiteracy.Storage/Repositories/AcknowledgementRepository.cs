using System.Runtime.CompilerServices;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Repositories;

/// <summary>EF Core implementation of <see cref="IAcknowledgementRepository"/>.</summary>
internal sealed class AcknowledgementRepository(AiLiteracyDbContext db, TimeProvider time) : IAcknowledgementRepository
{
    public async Task<(Acknowledgement Acknowledgement, bool Created)> RecordAsync(Acknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        Internal.Required(acknowledgement.EmployeeNumber, nameof(acknowledgement.EmployeeNumber));
        if (acknowledgement.CharterVersion < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(acknowledgement), acknowledgement.CharterVersion, "The charter version must be at least 1.");
        }

        var (entity, created) = await db.FindOrInsertAsync(
            ct => FindAsync(acknowledgement, ct),
            () => new AcknowledgementEntity
            {
                EmployeeNumber = acknowledgement.EmployeeNumber,
                CharterVersion = acknowledgement.CharterVersion,
                Date = acknowledgement.Date,
                RecordedAt = Internal.Now(time),
            },
            cancellationToken).ConfigureAwait(false);
        return (entity.ToModel(), created);
    }

    public async Task<IReadOnlyList<Acknowledgement>> ListByAgentAsync(string employeeNumber, CancellationToken cancellationToken = default)
    {
        Internal.Required(employeeNumber, nameof(employeeNumber));
        return await CompiledQueries.ToListAsync(CompiledQueries.AcknowledgementsOfAgent(db, employeeNumber), Mapping.ToModel, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<Acknowledgement> StreamAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = db.Acknowledgements.AsNoTracking().OrderBy(a => a.EmployeeNumber).ThenBy(a => a.CharterVersion).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return row.ToModel();
        }
    }

    private Task<AcknowledgementEntity?> FindAsync(Acknowledgement a, CancellationToken cancellationToken) =>
        db.Acknowledgements.AsNoTracking()
            .FirstOrDefaultAsync(e => e.EmployeeNumber == a.EmployeeNumber && e.CharterVersion == a.CharterVersion, cancellationToken);
}
