using AiLiteracy.Ports;
using AiLiteracy.Reports;

namespace AiLiteracy.Server.Endpoints;

/// <summary>
/// Keeps the reports in step with the API's writes: an endpoint that changes what reports are computed from (agents,
/// completions, acknowledgements, definitions, imports) is marked with <see cref="ChangesReportData"/>; when it did not
/// fail, the tenant's report snapshot is marked changed (<see cref="ReportSnapshotCache.MarkChanged"/>). Other writes
/// (usage checks, subscriptions, API keys) leave the snapshot alone, so they cost no report refresh.
/// </summary>
internal static class ReportFreshness
{
    /// <summary>Marks the tenant's report snapshot changed after the endpoint succeeds.</summary>
    public static RouteHandlerBuilder ChangesReportData(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter((invocation, next) => AfterSuccessAsync(invocation, next, static (cache, tenantId) => cache.MarkChanged(tenantId)));

    /// <summary>
    /// Drops the tenant's report snapshot after the endpoint succeeds (an erasure of personal data): no report may show an
    /// erased person from data read before, so the next one reads the database again.
    /// </summary>
    public static RouteHandlerBuilder ErasesReportData(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter((invocation, next) => AfterSuccessAsync(invocation, next, static (cache, tenantId) => cache.Invalidate(tenantId)));

    private static async ValueTask<object?> AfterSuccessAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, Action<ReportSnapshotCache, string> apply)
    {
        var result = await next(invocation).ConfigureAwait(false);
        var services = invocation.HttpContext.RequestServices;
        if (result is not IStatusCodeHttpResult { StatusCode: >= 400 }
            && services.GetService<ITenantContext>()?.TenantId is { Length: > 0 } tenantId
            && services.GetService<ReportSnapshotCache>() is { } cache)
        {
            apply(cache, tenantId);
        }

        return result;
    }
}
