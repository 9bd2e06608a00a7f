using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiLiteracy.Server.Health;

/// <summary>Writes health reports as small JSON documents (<c>{"status":"Healthy","checks":{…}}</c>).</summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthResponse(
            report.Status.ToString(),
            report.TotalDuration.TotalMilliseconds,
            report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthCheckEntry(e.Value.Status.ToString(), e.Value.Description, e.Value.Duration.TotalMilliseconds),
                StringComparer.Ordinal));
        return JsonSerializer.SerializeAsync(context.Response.Body, body, AiLiteracyJson.Compact, context.RequestAborted);
    }
}

/// <summary>A health report.</summary>
/// <param name="Status">Healthy, Degraded or Unhealthy.</param>
/// <param name="DurationMs">Time taken by the checks.</param>
/// <param name="Checks">Each check.</param>
public sealed record HealthResponse(string Status, double DurationMs, IReadOnlyDictionary<string, HealthCheckEntry> Checks);

/// <summary>One check of a health report.</summary>
/// <param name="Status">Healthy, Degraded or Unhealthy.</param>
/// <param name="Description">What was found (no personal data, no connection strings).</param>
/// <param name="DurationMs">Time taken.</param>
public sealed record HealthCheckEntry(string Status, string? Description, double DurationMs);
