using AiLiteracy.Reports;
using AiLiteracy.Server.Authentication;

namespace AiLiteracy.Server.Dashboard;

/// <summary>Opens a service scope acting for a tenant, so that report snapshots are rebuilt in the background.</summary>
internal sealed class TenantReportScopeFactory : IReportScopeFactory
{
    private readonly IServiceScopeFactory scopes;

    public TenantReportScopeFactory(IServiceScopeFactory scopes) => this.scopes = scopes;

    public AsyncServiceScope CreateScope(string tenantId)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestTenantContext>().Set(tenantId);
        return scope;
    }
}
