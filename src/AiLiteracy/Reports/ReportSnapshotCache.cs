using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Reports;

/// <summary>
/// Opens a service scope acting for a tenant, so that a report snapshot can be rebuilt in the background after the
/// request that found it stale has ended. A host that resolves the tenant per request (the server) registers one;
/// without it, stale snapshots are rebuilt by the request that finds them.
/// </summary>
public interface IReportScopeFactory
{
    /// <summary>Creates a scope whose <see cref="Ports.ITenantContext"/> is <paramref name="tenantId"/>.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <returns>The scope; the caller disposes it.</returns>
    AsyncServiceScope CreateScope(string tenantId);
}

/// <summary>Which report snapshot a caller may be served while a fresher one is read in the background.</summary>
public enum SnapshotStaleness
{
    /// <summary>Only a fresh snapshot: younger than its maximum age and read after the tenant's last recorded change.</summary>
    None,

    /// <summary>
    /// Also a snapshot past its maximum age, but not one the tenant's data changed since
    /// (<see cref="ReportSnapshotCache.MarkChanged"/>): after a write the caller waits for the data read again, so an API
    /// client reads its own writes. The report endpoints of the API.
    /// </summary>
    Aged,

    /// <summary>Any previous snapshot, aged or changed, while one background refresh runs: readers never wait (the dashboard).</summary>
    Any,
}

/// <summary>
/// Keeps one <see cref="ReportSnapshot"/> per tenant for <see cref="AiLiteracyReportOptions.SnapshotMaxAge"/>, and loads
/// at most one snapshot per tenant at a time: concurrent requests for a missing snapshot share one build. Past its age a
/// snapshot is served stale while a single background refresh runs (when an <see cref="IReportScopeFactory"/> is
/// registered), so readers never wait on a rebuild once a first snapshot exists; a failed refresh is logged and the
/// previous snapshot kept, and the next read tries again. <see cref="ReportSnapshot.GeneratedAt"/> tells callers how
/// old the data they were served is. Snapshots unread for ten times their age are dropped. Register as a singleton.
/// </summary>
public sealed partial class ReportSnapshotCache
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly TimeProvider timeProvider;
    private readonly IOptionsMonitor<AiLiteracyReportOptions> options;
    private readonly IReportScopeFactory? scopes;
    private readonly ILogger logger;

    /// <summary>Creates the cache.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">The report options (snapshot age).</param>
    /// <param name="scopes">Opens tenant scopes for background rebuilds; <see langword="null"/> rebuilds in the request.</param>
    /// <param name="logger">Logs background rebuild failures.</param>
    public ReportSnapshotCache(
        TimeProvider timeProvider,
        IOptionsMonitor<AiLiteracyReportOptions> options,
        IReportScopeFactory? scopes = null,
        ILogger<ReportSnapshotCache>? logger = null)
    {
        this.timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.scopes = scopes;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Gets the tenant's snapshot: the cached one while younger than its maximum age; past it, the cached one while it is
    /// refreshed in the background (when a scope factory is registered); otherwise one built with <paramref name="build"/>.
    /// </summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="build">Builds a snapshot in the caller's scope.</param>
    /// <param name="cancellationToken">Stops waiting (a shared build goes on for the other callers).</param>
    /// <returns>The snapshot; its <see cref="ReportSnapshot.GeneratedAt"/> says when its data was read.</returns>
    public Task<ReportSnapshot> GetAsync(string tenantId, Func<CancellationToken, Task<ReportSnapshot>> build, CancellationToken cancellationToken = default) =>
        GetAsync(tenantId, build, allowStale: true, cancellationToken);

    /// <summary>Gets the tenant's snapshot, building it with <paramref name="build"/> when there is none or it is too old.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="build">Builds a snapshot in the caller's scope.</param>
    /// <param name="allowStale">
    /// <see langword="true"/>: <see cref="SnapshotStaleness.Any"/>; <see langword="false"/>: <see cref="SnapshotStaleness.None"/>.
    /// </param>
    /// <param name="cancellationToken">Stops waiting (a shared build goes on for the other callers).</param>
    /// <returns>The snapshot; its <see cref="ReportSnapshot.GeneratedAt"/> says when its data was read.</returns>
    public Task<ReportSnapshot> GetAsync(string tenantId, Func<CancellationToken, Task<ReportSnapshot>> build, bool allowStale, CancellationToken cancellationToken = default) =>
        GetAsync(tenantId, build, allowStale ? SnapshotStaleness.Any : SnapshotStaleness.None, cancellationToken);

    /// <summary>Gets the tenant's snapshot, building it with <paramref name="build"/> when there is none or it is not fresh enough.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="build">Builds a snapshot in the caller's scope.</param>
    /// <param name="staleness">
    /// Which snapshot the caller may be served while a fresher one is read in the background (when a scope factory is
    /// registered); otherwise the caller waits for a fresh one, joining the build or refresh under way, if any, rather
    /// than loading the data a second time.
    /// </param>
    /// <param name="cancellationToken">Stops waiting (a shared build goes on for the other callers).</param>
    /// <returns>The snapshot; its <see cref="ReportSnapshot.GeneratedAt"/> says when its data was read.</returns>
    public async Task<ReportSnapshot> GetAsync(string tenantId, Func<CancellationToken, Task<ReportSnapshot>> build, SnapshotStaleness staleness, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(build);
        var now = timeProvider.GetUtcNow();
        var maxAge = options.CurrentValue.SnapshotMaxAge;
        Sweep(now, maxAge);
        if (maxAge <= TimeSpan.Zero)
        {
            return await build(cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 0; ; attempt++)
        {
            var entry = entries.GetOrAdd(tenantId, _ => new Entry());
            Task<ReportSnapshot?> loading;
            lock (entry)
            {
                entry.LastRead = now;
                if (entry.Snapshot is { } snapshot)
                {
                    var changed = entry.SnapshotVersion != entry.Version;
                    if (snapshot.GeneratedAt + maxAge > now && !changed)
                    {
                        return snapshot;
                    }

                    if (scopes is not null && (staleness == SnapshotStaleness.Any || (staleness == SnapshotStaleness.Aged && !changed)))
                    {
                        entry.Loading ??= RefreshInBackground(tenantId, entry);
                        return snapshot;
                    }
                }

                // One load at a time: a caller that needs a fresh snapshot joins the build or refresh under way.
                loading = entry.Loading ??= BuildShared(entry, build);
            }

            try
            {
                if (await loading.WaitAsync(cancellationToken).ConfigureAwait(false) is { } built)
                {
                    lock (entry)
                    {
                        // A load that began before the last change does not do for a caller that waits for fresh data:
                        // read once more (a few times at most, so that a stream of writes cannot hold a reader forever).
                        if (staleness == SnapshotStaleness.Any || entry.Version == entry.SnapshotVersion || attempt >= 2 || !ReferenceEquals(entry.Snapshot, built))
                        {
                            return built;
                        }
                    }

                    continue;
                }

                // The background refresh joined failed (logged, previous snapshot kept): build in this request.
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested && !ReferenceEquals(entries.GetValueOrDefault(tenantId), entry))
            {
                // The entry was invalidated while building: try again with a fresh one.
            }
        }
    }

    /// <summary>
    /// Forgets a tenant's snapshot, so that the next report waits for data read afresh (after a change no report may
    /// show any longer, such as the erasure of a person's data).
    /// </summary>
    /// <param name="tenantId">The tenant id.</param>
    public void Invalidate(string tenantId) => entries.TryRemove(tenantId, out _);

    /// <summary>
    /// Records that the tenant's data changed (an agent, a completion, an acknowledgement, a definition…): the snapshot
    /// in hand no longer counts as fresh, whatever its age. A caller that accepts <see cref="SnapshotStaleness.Any"/>
    /// (the dashboard) is served it once more while one background refresh reads the change; the others wait for the
    /// data read again.
    /// </summary>
    /// <param name="tenantId">The tenant id.</param>
    public void MarkChanged(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (entries.TryGetValue(tenantId, out var entry))
        {
            lock (entry)
            {
                entry.Version++;
            }
        }
    }

    private static long VersionOf(Entry entry)
    {
        lock (entry)
        {
            return entry.Version;
        }
    }

    private static void Keep(Entry entry, ReportSnapshot snapshot, long version)
    {
        lock (entry)
        {
            if (entry.Snapshot is null || snapshot.GeneratedAt >= entry.Snapshot.GeneratedAt)
            {
                entry.Snapshot = snapshot;
                entry.SnapshotVersion = version;
            }
        }
    }

    private static Task<ReportSnapshot?> BuildShared(Entry entry, Func<CancellationToken, Task<ReportSnapshot>> build) =>
        Task.Run<ReportSnapshot?>(async () =>
        {
            try
            {
                // The version before the data is read: a change made while reading leaves the snapshot stale.
                var version = VersionOf(entry);

                // Not cancelled by the first caller: others may be waiting on the same build.
                var snapshot = await build(CancellationToken.None).ConfigureAwait(false);
                Keep(entry, snapshot, version);
                return snapshot;
            }
            finally
            {
                Done(entry);
            }
        });

    private Task<ReportSnapshot?> RefreshInBackground(string tenantId, Entry entry) =>
        Task.Run(async () =>
        {
            try
            {
                var version = VersionOf(entry);
                await using var scope = scopes!.CreateScope(tenantId);
                var service = scope.ServiceProvider.GetRequiredService<AuthorityReportService>();
                var snapshot = await service.BuildSnapshotAsync().ConfigureAwait(false);
                Keep(entry, snapshot, version);
                return snapshot;
            }
            catch (Exception ex)
            {
                LogRefreshFailed(logger, ex, tenantId);
                return null;
            }
            finally
            {
                Done(entry);
            }
        });

    private static void Done(Entry entry)
    {
        lock (entry)
        {
            entry.Loading = null;
        }
    }

    private void Sweep(DateTimeOffset now, TimeSpan maxAge)
    {
        var idle = maxAge <= TimeSpan.Zero ? TimeSpan.Zero : maxAge * 10;
        foreach (var pair in entries)
        {
            if (pair.Value.LastRead + idle < now && pair.Value.Loading is null)
            {
                entries.TryRemove(pair);
            }
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Background rebuild of the report snapshot of tenant {TenantId} failed; the previous snapshot is kept")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string tenantId);

    private sealed class Entry
    {
        public ReportSnapshot? Snapshot { get; set; }

        /// <summary>The build or background refresh under way; its result is <see langword="null"/> when a refresh failed.</summary>
        public Task<ReportSnapshot?>? Loading { get; set; }

        public DateTimeOffset LastRead { get; set; }

        /// <summary>Counts the changes recorded with <see cref="MarkChanged"/>.</summary>
        public long Version { get; set; }

        /// <summary>The <see cref="Version"/> when the data of <see cref="Snapshot"/> began to be read.</summary>
        public long SnapshotVersion { get; set; }
    }
}
