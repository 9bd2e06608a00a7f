namespace AiLiteracy.Ports;

/// <summary>
/// The tenant (the local authority, <i>collectivité</i>) the current operation acts for. Every stored row carries its
/// tenant; storage filters every query on <see cref="TenantId"/> and refuses to write rows of another tenant.
/// </summary>
public interface ITenantContext
{
    /// <summary>The current tenant id (an <see cref="Model.Organization.Id"/>), or <see langword="null"/> when none is set, in which case tenant-scoped queries return nothing and writes are refused.</summary>
    string? TenantId { get; }
}
