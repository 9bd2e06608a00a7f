using AiLiteracy.Ports;

namespace AiLiteracy.Server.Authentication;

/// <summary>
/// The tenant of the current scope: the one set explicitly with <see cref="Set"/> (background work, seeding), otherwise
/// the tenant claim of the authenticated caller. Registered as the scoped <see cref="ITenantContext"/>.
/// </summary>
public sealed class RequestTenantContext : ITenantContext
{
    private readonly IHttpContextAccessor httpContextAccessor;
    private string? explicitTenantId;

    /// <summary>Creates the context.</summary>
    /// <param name="httpContextAccessor">Gives access to the current request.</param>
    public RequestTenantContext(IHttpContextAccessor httpContextAccessor) => this.httpContextAccessor = httpContextAccessor;

    /// <inheritdoc />
    public string? TenantId => explicitTenantId ?? httpContextAccessor.HttpContext?.User.FindFirst(AiLiteracyClaims.Tenant)?.Value;

    /// <summary>Sets the tenant of this scope explicitly (background work, seeding); it wins over the caller's claim.</summary>
    /// <param name="tenantId">The tenant id.</param>
    public void Set(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        explicitTenantId = tenantId;
    }
}
