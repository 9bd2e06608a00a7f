using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiLiteracy.Entra;

/// <summary>
/// The traces and metrics of the Entra adapter (source and meter name: <c>AiLiteracy.Entra</c>): one activity per
/// sync run and per Graph batch; counters of Graph requests (by kind: read, write) and of applied changes.
/// </summary>
public static class EntraTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "AiLiteracy.Entra";

    /// <summary>The activity source.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>The meter.</summary>
    public static Meter Meter { get; } = new(Name);

    internal static Counter<long> GraphRequests { get; } = Meter.CreateCounter<long>("ailiteracy.entra.graph.requests", description: "HTTP requests sent to Microsoft Graph.");

    internal static Counter<long> GroupChanges { get; } = Meter.CreateCounter<long>("ailiteracy.entra.group.changes", description: "Group membership changes applied.");

    internal static Histogram<double> RunDuration { get; } = Meter.CreateHistogram<double>("ailiteracy.entra.sync.duration", unit: "s", description: "Duration of group sync runs.");
}
