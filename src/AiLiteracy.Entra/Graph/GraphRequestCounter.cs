namespace AiLiteracy.Entra.Graph;

/// <summary>Counts the HTTP requests sent to Microsoft Graph (retries included): the figure Graph throttling is about.</summary>
public sealed class GraphRequestCounter
{
    private long reads;
    private long writes;
    private long batches;

    /// <summary>Requests that read (GET).</summary>
    public long Reads => Interlocked.Read(ref reads);

    /// <summary>Requests that write: <c>$batch</c> posts and any direct PATCH, POST or DELETE.</summary>
    public long Writes => Interlocked.Read(ref writes);

    /// <summary>Of <see cref="Writes"/>, the <c>$batch</c> posts.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Every request.</summary>
    public long Total => Reads + Writes;

    /// <summary>A copy of the counts.</summary>
    /// <returns>The counts now.</returns>
    public GraphRequestCounts Snapshot() => new(Reads, Writes, Batches);

    internal void Count(HttpRequestMessage request)
    {
        if (request.Method == HttpMethod.Get)
        {
            Interlocked.Increment(ref reads);
            return;
        }

        Interlocked.Increment(ref writes);
        if (request.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal) == true)
        {
            Interlocked.Increment(ref batches);
        }
    }
}

/// <summary>Graph request counts.</summary>
/// <param name="Reads">GET requests.</param>
/// <param name="Writes">Write requests (<c>$batch</c> posts included).</param>
/// <param name="Batches">Of the writes, <c>$batch</c> posts.</param>
public sealed record GraphRequestCounts(long Reads, long Writes, long Batches)
{
    /// <summary>Every request.</summary>
    public long Total => Reads + Writes;

    /// <summary>The requests sent between <paramref name="before"/> and this snapshot.</summary>
    /// <param name="before">An earlier snapshot.</param>
    /// <returns>The difference.</returns>
    public GraphRequestCounts Since(GraphRequestCounts before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return new(Reads - before.Reads, Writes - before.Writes, Batches - before.Batches);
    }
}
