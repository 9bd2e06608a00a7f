using System.Text.Json;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Repositories;

/// <summary>
/// EF Core implementation of <see cref="IPersonalDataStore"/>. Erasure rewrites rows with set-based updates
/// (<c>ExecuteUpdate</c>), filtered on the current tenant like every query: the evidence log and the audit log are
/// otherwise append-only, and erasure is the one change the law requires of them.
/// </summary>
internal sealed class PersonalDataStore(AiLiteracyDbContext db, TimeProvider time, SqliteWriteGate gate) : IPersonalDataStore
{
    public async Task<ErasureResult?> PseudonymizeAsync(string employeeNumber, string pseudonym, DateOnly endDate, CancellationToken cancellationToken = default)
    {
        Internal.Required(employeeNumber, nameof(employeeNumber));
        Internal.Required(pseudonym, nameof(pseudonym));
        if (string.Equals(employeeNumber, pseudonym, StringComparison.Ordinal))
        {
            throw new ArgumentException("The pseudonym must differ from the employee number.", nameof(pseudonym));
        }

        if (string.IsNullOrEmpty(db.CurrentTenantId))
        {
            throw new InvalidOperationException("No current tenant: personal data cannot be erased without a tenant context.");
        }

        return await new UnitOfWork(db, gate).ExecuteAsync(ct => PseudonymizeInTransactionAsync(employeeNumber, pseudonym, endDate, ct), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListRetentionDueAsync(DateOnly leftBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return await db.Agents.AsNoTracking()
            .Where(a => a.Status == EmploymentStatus.Left && a.EndDate != null && a.EndDate < leftBefore && !a.EmployeeNumber.StartsWith(Pseudonyms.Prefix))
            .OrderBy(a => a.EmployeeNumber)
            .Select(a => a.EmployeeNumber)
            .Take(maxCount)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<ErasureResult?> PseudonymizeInTransactionAsync(string employeeNumber, string pseudonym, DateOnly endDate, CancellationToken cancellationToken)
    {
        var now = Internal.Now(time);
        var agents = await db.Agents
            .Where(a => a.EmployeeNumber == employeeNumber)
            .ExecuteUpdateAsync(
                s => s.SetProperty(a => a.EmployeeNumber, pseudonym)
                    .SetProperty(a => a.DisplayName, (string?)null)
                    .SetProperty(a => a.Email, (string?)null)
                    .SetProperty(a => a.EntraObjectId, (string?)null)
                    .SetProperty(a => a.UserPrincipalName, (string?)null)
                    .SetProperty(a => a.ManagerEmployeeNumber, (string?)null)
                    .SetProperty(a => a.Status, EmploymentStatus.Left)
                    .SetProperty(a => a.EndDate, a => a.EndDate ?? endDate)
                    .SetProperty(a => a.UpdatedAt, now),
                cancellationToken)
            .ConfigureAwait(false);
        if (agents == 0)
        {
            return null;
        }

        var managed = await db.Agents
            .Where(a => a.ManagerEmployeeNumber == employeeNumber)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ManagerEmployeeNumber, (string?)null).SetProperty(a => a.UpdatedAt, now), cancellationToken)
            .ConfigureAwait(false);
        var completions = await db.Completions
            .Where(c => c.EmployeeNumber == employeeNumber)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.EmployeeNumber, pseudonym).SetProperty(c => c.EvidenceUrl, (string?)null), cancellationToken)
            .ConfigureAwait(false);
        var acknowledgements = await db.Acknowledgements
            .Where(a => a.EmployeeNumber == employeeNumber)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.EmployeeNumber, pseudonym), cancellationToken)
            .ConfigureAwait(false);
        var evidence = await db.Evidence
            .Where(e => e.EmployeeNumber == employeeNumber)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.EmployeeNumber, pseudonym), cancellationToken)
            .ConfigureAwait(false);
        var audit = await db.AuditLog
            .Where(e => e.Target == employeeNumber)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Target, pseudonym), cancellationToken)
            .ConfigureAwait(false);

        // Webhook payloads carry the agent as "employeeNumber": "…" (the JSON conventions of AiLiteracyJson).
        var member = "\"employeeNumber\":" + JsonSerializer.Serialize(employeeNumber, AiLiteracyJson.Compact);
        var replacement = "\"employeeNumber\":" + JsonSerializer.Serialize(pseudonym, AiLiteracyJson.Compact);
        var outbox = await db.OutboxEvents
            .Where(e => e.Payload.Contains(member))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Payload, e => e.Payload.Replace(member, replacement)), cancellationToken)
            .ConfigureAwait(false);

        db.ChangeTracker.Clear();
        return new ErasureResult(pseudonym, completions, acknowledgements, evidence, audit, outbox, managed);
    }
}
