using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Storage.Repositories;

/// <summary>EF Core implementation of <see cref="ITenantDirectory"/>; reads the organisations table across tenants on purpose.</summary>
internal sealed class TenantDirectory(AiLiteracyDbContext db, TimeProvider time, ILogger<TenantDirectory> logger) : ITenantDirectory
{
    public async Task<TenantInfo> CreateAsync(Organization organization, string? entraTenantId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var tenantId = Internal.Required(organization.Id, nameof(organization.Id));
        Internal.Required(organization.Name, nameof(organization.Name));
        entraTenantId = string.IsNullOrWhiteSpace(entraTenantId) ? null : entraTenantId.Trim();

        if (await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.TenantId == tenantId, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"A tenant with id '{tenantId}' already exists.");
        }

        if (entraTenantId is not null
            && await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.EntraTenantId == entraTenantId, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Another tenant is already mapped to Entra tenant '{entraTenantId}'.");
        }

        var now = Internal.Now(time);
        var entity = new OrganizationEntity
        {
            TenantId = tenantId,
            Name = organization.Name,
            Siren = organization.Siren,
            Kind = organization.Kind,
            EntraTenantId = entraTenantId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var units = organization.OrgUnits.Select(u => new OrgUnitEntity
        {
            TenantId = tenantId,
            OrgUnitId = Internal.Required(u.Id, "OrgUnit.Id"),
            Name = u.Name,
            Kind = u.Kind,
            ParentId = u.ParentId,
        }).ToList();

        using (db.ActAsTenant(tenantId))
        {
            db.Organizations.Add(entity);
            db.OrgUnits.AddRange(units);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
            {
                throw new InvalidOperationException($"A tenant with id '{tenantId}' or mapped to the same Entra tenant already exists, or an org unit id is repeated.", ex);
            }
            finally
            {
                db.Entry(entity).State = EntityState.Detached;
                foreach (var unit in units)
                {
                    db.Entry(unit).State = EntityState.Detached;
                }
            }
        }

        StorageLog.TenantCreated(logger, tenantId);
        return entity.ToInfo();
    }

    public async Task<TenantInfo?> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        Internal.Required(tenantId, nameof(tenantId));
        var entity = await db.Organizations.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(o => o.TenantId == tenantId, cancellationToken).ConfigureAwait(false);
        return entity?.ToInfo();
    }

    public async Task<TenantInfo?> FindByEntraTenantIdAsync(string entraTenantId, CancellationToken cancellationToken = default)
    {
        Internal.Required(entraTenantId, nameof(entraTenantId));
        var entity = await db.Organizations.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(o => o.EntraTenantId == entraTenantId, cancellationToken).ConfigureAwait(false);
        return entity?.ToInfo();
    }

    public async Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Organizations.IgnoreQueryFilters().AsNoTracking()
            .OrderBy(o => o.TenantId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToInfo()).ToList();
    }
}

/// <summary>EF Core implementation of <see cref="IOrganizationRepository"/> for the current tenant.</summary>
internal sealed class OrganizationRepository(AiLiteracyDbContext db, TimeProvider time) : IOrganizationRepository
{
    public async Task<Organization?> GetAsync(CancellationToken cancellationToken = default)
    {
        var entity = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        var units = await ListOrgUnitsAsync(cancellationToken).ConfigureAwait(false);
        return new Organization
        {
            Id = entity.TenantId,
            Name = entity.Name,
            Siren = entity.Siren,
            Kind = entity.Kind,
            OrgUnits = units,
        };
    }

    public async Task<UpsertOutcome> UpdateAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        Internal.Required(organization.Name, nameof(organization.Name));
        if (!string.Equals(organization.Id, db.CurrentTenantId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Refusing to write a row of another tenant.");
        }

        var entity = await db.Organizations.FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Tenant '{organization.Id}' does not exist.");
        try
        {
            if (entity.Name == organization.Name && entity.Siren == organization.Siren && entity.Kind == organization.Kind)
            {
                return UpsertOutcome.Unchanged;
            }

            entity.Name = organization.Name;
            entity.Siren = organization.Siren;
            entity.Kind = organization.Kind;
            entity.UpdatedAt = Internal.Now(time);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return UpsertOutcome.Updated;
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public async Task SetEntraTenantIdAsync(string? entraTenantId, CancellationToken cancellationToken = default)
    {
        entraTenantId = string.IsNullOrWhiteSpace(entraTenantId) ? null : entraTenantId.Trim();
        var entity = await db.Organizations.FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Tenant '{db.CurrentTenantId}' does not exist.");
        try
        {
            entity.EntraTenantId = entraTenantId;
            entity.UpdatedAt = Internal.Now(time);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            throw new InvalidOperationException($"Another tenant is already mapped to Entra tenant '{entraTenantId}'.", ex);
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public async Task<IReadOnlyList<OrgUnit>> ListOrgUnitsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.OrgUnits.AsNoTracking().OrderBy(u => u.OrgUnitId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.ToModel()).ToList();
    }

    public async Task<UpsertOutcome> UpsertOrgUnitAsync(OrgUnit orgUnit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orgUnit);
        Internal.Required(orgUnit.Id, nameof(orgUnit.Id));
        Internal.Required(orgUnit.Name, nameof(orgUnit.Name));
        var entity = await db.OrgUnits.FirstOrDefaultAsync(u => u.OrgUnitId == orgUnit.Id, cancellationToken).ConfigureAwait(false);
        var outcome = UpsertOutcome.Updated;
        if (entity is null)
        {
            entity = new OrgUnitEntity { OrgUnitId = orgUnit.Id };
            db.OrgUnits.Add(entity);
            outcome = UpsertOutcome.Created;
        }
        else if (entity.ToModel() == orgUnit)
        {
            db.Entry(entity).State = EntityState.Detached;
            return UpsertOutcome.Unchanged;
        }

        entity.Name = orgUnit.Name;
        entity.Kind = orgUnit.Kind;
        entity.ParentId = orgUnit.ParentId;
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return outcome;
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }

    public async Task<bool> RemoveOrgUnitAsync(string orgUnitId, CancellationToken cancellationToken = default)
    {
        Internal.Required(orgUnitId, nameof(orgUnitId));
        var entity = await db.OrgUnits.FirstOrDefaultAsync(u => u.OrgUnitId == orgUnitId, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return false;
        }

        db.OrgUnits.Remove(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            db.Entry(entity).State = EntityState.Detached;
        }
    }
}
