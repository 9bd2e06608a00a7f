using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiLiteracy;

/// <summary>The traces and metrics of the AI Literacy SDK (source and meter name: <c>AiLiteracy</c>).</summary>
public static class AiLiteracyTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "AiLiteracy";

    /// <summary>The activity source of the use cases.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>The meter of the use cases.</summary>
    public static Meter Meter { get; } = new(Name);
}
