using AiLiteracy.Ports;

namespace AiLiteracy.Storage;

/// <summary>
/// A settable <see cref="ITenantContext"/>, registered per scope by <see cref="StorageServiceCollectionExtensions.AddAiLiteracyStorage(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{AiLiteracyStorageOptions})"/>
/// unless the host registered its own: the CLI sets it from <c>--tenant</c>, a background worker from the event it handles.
/// </summary>
public sealed class TenantContext : ITenantContext
{
    /// <summary>Creates a context with no tenant.</summary>
    public TenantContext()
    {
    }

    /// <summary>Creates a context for <paramref name="tenantId"/>.</summary>
    /// <param name="tenantId">The tenant id.</param>
    public TenantContext(string? tenantId) => TenantId = tenantId;

    /// <inheritdoc />
    public string? TenantId { get; set; }
}
