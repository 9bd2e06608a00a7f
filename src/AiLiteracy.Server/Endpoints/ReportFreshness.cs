using AiLiteracy.Ports;
using AiLiteracy.Reports;

namespace AiLiteracy.Server.Endpoints;

/// <summary>
/// Keeps the reports in step with the API's writes: after a POST, PUT, PATCH or DELETE under the API that did not fail,
/// the tenant's report snapshot is marked changed (<see cref="ReportSnapshotCache.MarkChanged"/>), so the dashboard and
/// the reports show the change once one background refresh has read the data again, rather than after the snapshot's
/// maximum age.
/// </summary>
internal static class ReportFreshness
{
    public static async ValueTask<object?> MarkChangedAfterWritesAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var result = await next(invocation).ConfigureAwait(false);
        var http = invocation.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
            && !IsFailure(result)
            && http.RequestServices.GetService<ITenantContext>()?.TenantId is { Length: > 0 } tenantId)
        {
            http.RequestServices.GetService<ReportSnapshotCache>()?.MarkChanged(tenantId);
        }

        return result;
    }

    private static bool IsFailure(object? result) =>
        result is IStatusCodeHttpResult { StatusCode: >= 400 };
}
