using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiLiteracy.Server;

/// <summary>Traces and metrics of the server (<c>AiLiteracy.Server</c>), for OpenTelemetry or <c>dotnet-counters</c>.</summary>
public static class ServerTelemetry
{
    /// <summary>The name of the activity source and meter.</summary>
    public const string Name = "AiLiteracy.Server";

    /// <summary>The activity source of the server's own spans (webhook delivery, seeding, imports).</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(ServerTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The meter of the server's metrics.</summary>
    public static Meter Meter { get; } = new(Name, typeof(ServerTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Failed authentications, tagged with the scheme.</summary>
    public static Counter<long> AuthenticationFailures { get; } = Meter.CreateCounter<long>("ailiteracy.server.authentication.failures", description: "Failed authentications.");

    /// <summary>Requests refused by the rate limiter.</summary>
    public static Counter<long> RateLimited { get; } = Meter.CreateCounter<long>("ailiteracy.server.rate_limited", description: "Requests refused by the per-tenant rate limiter.");

    /// <summary>Completions recorded (tagged <c>created</c> true/false).</summary>
    public static Counter<long> CompletionsRecorded { get; } = Meter.CreateCounter<long>("ailiteracy.server.completions", description: "Completions submitted.");

    /// <summary>Webhook deliveries, tagged with <c>outcome</c> (delivered, retry, dead-lettered).</summary>
    public static Counter<long> WebhookDeliveries { get; } = Meter.CreateCounter<long>("ailiteracy.server.webhook.deliveries", description: "Webhook delivery attempts.");

    /// <summary>Duration of webhook deliveries in milliseconds.</summary>
    public static Histogram<double> WebhookDeliveryDuration { get; } = Meter.CreateHistogram<double>("ailiteracy.server.webhook.delivery.duration", "ms", "Duration of webhook deliveries.");
}
