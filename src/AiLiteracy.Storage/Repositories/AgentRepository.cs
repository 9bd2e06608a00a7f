using System.Runtime.CompilerServices;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;

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

        var outcomes = new UpsertOutcome[agents.Count];
        var tracked = new Dictionary<string, AgentEntity>(agents.Count, StringComparer.Ordinal);
        try
        {
            foreach (var chunk in agents.Select(a => a.EmployeeNumber).Distinct(StringComparer.Ordinal).Chunk(BulkChunkSize))
            {
                var rows = await db.Agents.Where(a => chunk.Contains(a.EmployeeNumber)).ToListAsync(cancellationToken).ConfigureAwait(false);
                foreach (var row in rows)
                {
                    tracked[row.EmployeeNumber] = row;
                }
            }

            var now = Internal.Now(time);
            for (var i = 0; i < agents.Count; i++)
            {
                var agent = agents[i];
                if (tracked.TryGetValue(agent.EmployeeNumber, out var entity))
                {
                    if (entity.ToModel() == agent)
                    {
                        outcomes[i] = UpsertOutcome.Unchanged;
                        continue;
                    }

                    outcomes[i] = db.Entry(entity).State == EntityState.Added ? UpsertOutcome.Created : UpsertOutcome.Updated;
                    entity.CopyFrom(agent);
                    entity.UpdatedAt = now;
                    continue;
                }

                entity = new AgentEntity { CreatedAt = now, UpdatedAt = now };
                entity.CopyFrom(agent);
                db.Agents.Add(entity);
                tracked[agent.EmployeeNumber] = entity;
                outcomes[i] = UpsertOutcome.Created;
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return outcomes;
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex) && db.Database.CurrentTransaction is null)
        {
            // Some agents were created concurrently by another writer: fall back to one upsert at a time.
            foreach (var entity in tracked.Values)
            {
                db.Entry(entity).State = EntityState.Detached;
            }

            tracked.Clear();
            for (var i = 0; i < agents.Count; i++)
            {
                outcomes[i] = await UpsertAsync(agents[i], cancellationToken).ConfigureAwait(false);
            }

            return outcomes;
        }
        finally
        {
            foreach (var entity in tracked.Values)
            {
                db.Entry(entity).State = EntityState.Detached;
            }
        }
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
