using System.Runtime.CompilerServices;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AiLiteracy.Storage.Repositories;

/// <summary>EF Core implementation of <see cref="IAgentRepository"/>.</summary>
internal sealed class AgentRepository(AiLiteracyDbContext db, TimeProvider time) : IAgentRepository
{
    /// <summary>Employee numbers per query in bulk reads (well under the parameter limits of both providers).</summary>
    private const int BulkChunkSize = 500;

    public async Task<Agent?> GetAsync(string employeeNumber, CancellationToken cancellationToken = default)
    {
        Internal.Required(employeeNumber, nameof(employeeNumber));
        var entity = await CompiledQueries.Agent(db, employeeNumber, cancellationToken).ConfigureAwait(false);
        return entity?.ToModel();
    }

    public async Task<Page<Agent>> ListAsync(AgentFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        page.Validate();
        var after = Internal.DecodeStringToken(page.ContinuationToken);
        var query = Apply(db.Agents.AsNoTracking(), filter);
        if (after is not null)
        {
            query = query.Where(a => a.EmployeeNumber.CompareTo(after) > 0);
        }

        var rows = await query.OrderBy(a => a.EmployeeNumber).Take(page.PageSize + 1)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var more = rows.Count > page.PageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new Page<Agent>(
            rows.Select(r => r.ToModel()).ToList(),
            more ? Internal.EncodeToken(rows[^1].EmployeeNumber) : null);
    }

    public async IAsyncEnumerable<Agent> StreamAsync(AgentFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rows = Apply(db.Agents.AsNoTracking(), filter).OrderBy(a => a.EmployeeNumber).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return row.ToModel();
        }
    }

    public Task<int> CountAsync(AgentFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Apply(db.Agents.AsNoTracking(), filter).CountAsync(cancellationToken);
    }

    public async Task<UpsertOutcome> UpsertAsync(Agent agent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        Internal.Required(agent.EmployeeNumber, nameof(agent.EmployeeNumber));
        for (var attempt = 0; ; attempt++)
        {
            var entity = await db.Agents.FirstOrDefaultAsync(a => a.EmployeeNumber == agent.EmployeeNumber, cancellationToken).ConfigureAwait(false);
            var now = Internal.Now(time);
            if (entity is not null)
            {
                try
                {
                    if (entity.ToModel() == agent)
                    {
                        return UpsertOutcome.Unchanged;
                    }

                    entity.CopyFrom(agent);
                    entity.UpdatedAt = now;
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    return UpsertOutcome.Updated;
                }
                finally
                {
                    db.Entry(entity).State = EntityState.Detached;
                }
            }

            entity = new AgentEntity { CreatedAt = now, UpdatedAt = now };
            entity.CopyFrom(agent);
            db.Agents.Add(entity);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return UpsertOutcome.Created;
            }
            catch (DbUpdateException ex) when (attempt == 0 && db.IsUniqueViolation(ex))
            {
                // Created concurrently by another writer: update it instead.
            }
            finally
            {
                db.Entry(entity).State = EntityState.Detached;
            }
        }
    }

    public async Task<bool> DeactivateAsync(string employeeNumber, DateOnly endDate, CancellationToken cancellationToken = default)
    {
        Internal.Required(employeeNumber, nameof(employeeNumber));
        var entity = await db.Agents.FirstOrDefaultAsync(a => a.EmployeeNumber == employeeNumber, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return false;
        }

        try
        {
            if (entity.Status == EmploymentStatus.Left)
            {
                return false;
            }

            entity.Status = EmploymentStatus.Left;
            entity.EndDate = endDate;
            entity.UpdatedAt = Internal.Now(time);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public async Task<IReadOnlyDictionary<string, Agent>> GetManyAsync(IReadOnlyCollection<string> employeeNumbers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(employeeNumbers);
        var found = new Dictionary<string, Agent>(employeeNumbers.Count, StringComparer.Ordinal);
        foreach (var chunk in employeeNumbers.Distinct(StringComparer.Ordinal).Chunk(BulkChunkSize))
        {
            var rows = await db.Agents.AsNoTracking().Where(a => chunk.Contains(a.EmployeeNumber))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                found[row.EmployeeNumber] = row.ToModel();
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<UpsertOutcome>> UpsertManyAsync(IReadOnlyList<Agent> agents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agents);
        foreach (var agent in agents)
        {
            ArgumentNullException.ThrowIfNull(agent, nameof(agents));
            Internal.Required(agent.EmployeeNumber, nameof(agent.EmployeeNumber));
        }

        // Inserts the batch first, with multi-row INSERT … ON CONFLICT DO NOTHING statements (no read beforehand: a bulk
        // import mostly brings new agents, and the caller has already left out the unchanged ones). An agent already
        // stored, or created meanwhile by another writer, inserts nothing (no error, so an enclosing PostgreSQL
        // transaction stays usable): it is read back and updated through change tracking, all in one transaction (the
        // current one or one of its own).
        var outcomes = new UpsertOutcome[agents.Count];
        var rows = new Dictionary<string, AgentEntity>(agents.Count, StringComparer.Ordinal);
        var now = Internal.Now(time);
        for (var i = 0; i < agents.Count; i++)
        {
            var agent = agents[i];
            if (rows.TryGetValue(agent.EmployeeNumber, out var entity))
            {
                // A repeat in the batch: the last values win, as when each is upserted in turn.
                outcomes[i] = entity.ToModel() == agent ? UpsertOutcome.Unchanged : UpsertOutcome.Created;
                entity.CopyFrom(agent);
            }
            else
            {
                entity = new AgentEntity { CreatedAt = now, UpdatedAt = now };
                entity.CopyFrom(agent);
                rows.Add(agent.EmployeeNumber, entity);
                outcomes[i] = UpsertOutcome.Created;
            }
        }

        if (rows.Count == 0)
        {
            return outcomes;
        }

        var tracked = new Dictionary<string, AgentEntity>(StringComparer.Ordinal);
        var ownTransaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            // Inserts in employee number order, then all updates in one SaveChanges (which orders them by key):
            // concurrent batches take their row locks in one order and cannot deadlock.
            var inserted = new HashSet<string>(rows.Count, StringComparer.Ordinal);
            await AgentInsert.For(db.Model).ExecuteAsync(
                db,
                [.. rows.Values.OrderBy(e => e.EmployeeNumber, StringComparer.Ordinal)],
                reader => inserted.Add(reader.GetString(0)),
                cancellationToken).ConfigureAwait(false);
            if (inserted.Count < rows.Count
                && await UpdateStoredAsync(agents, rows.Keys.Where(k => !inserted.Contains(k)).ToHashSet(StringComparer.Ordinal), tracked, outcomes, now, cancellationToken).ConfigureAwait(false))
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return outcomes;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var entity in tracked.Values)
            {
                db.Entry(entity).State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// The agents of the batch that inserted nothing (stored already, or created meanwhile by another writer): reads
    /// and tracks them, then applies the batch's values in order, as <see cref="UpsertAsync"/> does (Updated, or
    /// Unchanged when the stored values are the same).
    /// </summary>
    /// <returns>Whether any of them changed (to save).</returns>
    private async Task<bool> UpdateStoredAsync(
        IReadOnlyList<Agent> agents,
        HashSet<string> stored,
        Dictionary<string, AgentEntity> tracked,
        UpsertOutcome[] outcomes,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        foreach (var chunk in stored.Chunk(BulkChunkSize))
        {
            var rows = await db.Agents.Where(a => chunk.Contains(a.EmployeeNumber)).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                tracked[row.EmployeeNumber] = row;
            }
        }

        if (stored.Any(employeeNumber => !tracked.ContainsKey(employeeNumber)))
        {
            throw new InvalidOperationException("An agent was neither inserted nor found: a uniqueness conflict outside its employee number.");
        }

        var changed = false;
        for (var i = 0; i < agents.Count; i++)
        {
            var agent = agents[i];
            if (!stored.Contains(agent.EmployeeNumber))
            {
                continue;
            }

            var entity = tracked[agent.EmployeeNumber];
            if (entity.ToModel() == agent)
            {
                outcomes[i] = UpsertOutcome.Unchanged;
                continue;
            }

            entity.CopyFrom(agent);
            entity.UpdatedAt = now;
            outcomes[i] = UpsertOutcome.Updated;
            changed = true;
        }

        return changed;
    }

    private static IQueryable<AgentEntity> Apply(IQueryable<AgentEntity> query, AgentFilter filter)
    {
        if (filter.OrgUnitId is { } orgUnit)
        {
            query = query.Where(a => a.OrgUnitId == orgUnit);
        }

        if (filter.JobFamilyId is { } jobFamily)
        {
            query = query.Where(a => a.JobFamilyId == jobFamily);
        }

        if (filter.Role is { } role && role != AgentRoles.None)
        {
            query = query.Where(a => (a.Roles & role) == role);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        return query;
    }
}

/// <summary>
/// The multi-row insert of agents (<see cref="BulkInsert{TEntity}"/>): every column, returning the employee number of
/// each inserted row.
/// </summary>
internal static class AgentInsert
{
    private static readonly Dictionary<string, Func<AgentEntity, object?>> Values = new(StringComparer.Ordinal)
    {
        [nameof(AgentEntity.TenantId)] = e => e.TenantId,
        [nameof(AgentEntity.EmployeeNumber)] = e => e.EmployeeNumber,
        [nameof(AgentEntity.DisplayName)] = e => e.DisplayName,
        [nameof(AgentEntity.Email)] = e => e.Email,
        [nameof(AgentEntity.EntraObjectId)] = e => e.EntraObjectId,
        [nameof(AgentEntity.UserPrincipalName)] = e => e.UserPrincipalName,
        [nameof(AgentEntity.JobFamilyId)] = e => e.JobFamilyId,
        [nameof(AgentEntity.OrgUnitId)] = e => e.OrgUnitId,
        [nameof(AgentEntity.ManagerEmployeeNumber)] = e => e.ManagerEmployeeNumber,
        [nameof(AgentEntity.Roles)] = e => e.Roles,
        [nameof(AgentEntity.Status)] = e => e.Status,
        [nameof(AgentEntity.StartDate)] = e => e.StartDate,
        [nameof(AgentEntity.EndDate)] = e => e.EndDate,
        [nameof(AgentEntity.CreatedAt)] = e => e.CreatedAt,
        [nameof(AgentEntity.UpdatedAt)] = e => e.UpdatedAt,
    };

    /// <summary>The insert for <paramref name="model"/>.</summary>
    public static BulkInsert<AgentEntity> For(IModel model) =>
        BulkInsert<AgentEntity>.For(model, Values, nameof(AgentEntity.EmployeeNumber));
}
