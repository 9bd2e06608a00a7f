using AiLiteracy.Model;

namespace AiLiteracy.Ports;

/// <summary>A tenant as the tenant directory knows it.</summary>
public sealed record TenantInfo
{
    /// <summary>Tenant id (the <see cref="Organization.Id"/>).</summary>
    public required string Id { get; init; }

    /// <summary>Official name.</summary>
    public required string Name { get; init; }

    /// <summary>SIREN number, when known.</summary>
    public string? Siren { get; init; }

    /// <summary>The kind of authority.</summary>
    public OrganizationKind Kind { get; init; }

    /// <summary>The Entra ID tenant id (<c>tid</c> claim) that maps to this tenant, when connected.</summary>
    public string? EntraTenantId { get; init; }

    /// <summary>When the tenant was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// The directory of tenants. Unlike every other port it is not scoped to the current tenant: it creates tenants and
/// resolves a tenant from an Entra ID <c>tid</c> claim before any tenant is known. It reads and writes only the
/// organisations table.
/// </summary>
public interface ITenantDirectory
{
    /// <summary>Creates a tenant with its org units.</summary>
    /// <param name="organization">The organisation; its <see cref="Organization.Id"/> becomes the tenant id.</param>
    /// <param name="entraTenantId">The Entra ID tenant id to map, if any.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The created tenant.</returns>
    /// <exception cref="InvalidOperationException">A tenant with that id, or mapped to that Entra tenant, exists.</exception>
    Task<TenantInfo> CreateAsync(Organization organization, string? entraTenantId = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a tenant by id.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tenant, or <see langword="null"/>.</returns>
    Task<TenantInfo?> GetAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Finds the tenant mapped to an Entra ID tenant id (<c>tid</c> claim).</summary>
    /// <param name="entraTenantId">The Entra ID tenant id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tenant, or <see langword="null"/> when none is mapped.</returns>
    Task<TenantInfo?> FindByEntraTenantIdAsync(string entraTenantId, CancellationToken cancellationToken = default);

    /// <summary>Lists every tenant by id.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tenants.</returns>
    Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>The current tenant's organisation and its tree of org units (<i>direction / pôle / service</i>).</summary>
public interface IOrganizationRepository
{
    /// <summary>Gets the current tenant's organisation with its org units.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The organisation, or <see langword="null"/> when the tenant does not exist.</returns>
    Task<Organization?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Updates the name, SIREN and kind of the current tenant's organisation and, when given, its Entra ID mapping. Org units are left alone.</summary>
    /// <param name="organization">The organisation; its id must be the current tenant's.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether anything changed.</returns>
    /// <exception cref="KeyNotFoundException">The tenant does not exist.</exception>
    Task<UpsertOutcome> UpdateAsync(Organization organization, CancellationToken cancellationToken = default);

    /// <summary>Maps (or, with <see langword="null"/>, unmaps) an Entra ID tenant id to the current tenant.</summary>
    /// <param name="entraTenantId">The Entra ID tenant id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">Another tenant is mapped to that Entra tenant.</exception>
    Task SetEntraTenantIdAsync(string? entraTenantId, CancellationToken cancellationToken = default);

    /// <summary>Lists the org units by id.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The org units.</returns>
    Task<IReadOnlyList<OrgUnit>> ListOrgUnitsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or updates an org unit.</summary>
    /// <param name="orgUnit">The org unit.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What the upsert did.</returns>
    Task<UpsertOutcome> UpsertOrgUnitAsync(OrgUnit orgUnit, CancellationToken cancellationToken = default);

    /// <summary>Removes an org unit.</summary>
    /// <param name="orgUnitId">The org unit id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    Task<bool> RemoveOrgUnitAsync(string orgUnitId, CancellationToken cancellationToken = default);
}
