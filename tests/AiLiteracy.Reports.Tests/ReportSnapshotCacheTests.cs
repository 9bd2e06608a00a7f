using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Reports.Tests.TestData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiLiteracy.Reports.Tests;

public sealed class ReportSnapshotCacheTests
{
    private readonly FakeTimeProvider clock = TestClock.Create();
    private readonly ReportWorld world = new(DefinitionsBuilder.WithStandardCharter().WithModules(ModuleBuilder.CommonCore("TC-01")));

    private ReportSnapshot NewSnapshot() =>
        ReportSnapshot.Create(world.Organization, world.Definitions, world.Engines(world.Definitions), world.Agents, world.Records, clock.GetUtcNow());

    private ReportSnapshotCache Cache(TimeSpan maxAge, IReportScopeFactory? scopes = null, ILogger<ReportSnapshotCache>? logger = null) =>
        new(clock, new StaticOptions(new AiLiteracyReportOptions { SnapshotMaxAge = maxAge }), scopes, logger);

    private static Task<ReportSnapshot> MustNotBuild(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the request must not rebuild");

    private static async Task<ReportSnapshot> Eventually(Func<Task<ReportSnapshot>> read, Func<ReportSnapshot, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var snapshot = await read();
            if (done(snapshot) || attempt == 250)
            {
                return snapshot;
            }

            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Get_ServesTheSameSnapshot_WhileItIsYoungerThanItsMaxAge()
    {
        var cache = Cache(TimeSpan.FromMinutes(1));
        var builds = 0;
        Task<ReportSnapshot> Build(CancellationToken _) => Task.FromResult(NewSnapshot().Also(() => builds++));

        var first = await cache.GetAsync("t1", Build);
        clock.Advance(TimeSpan.FromSeconds(59));
        var second = await cache.GetAsync("t1", Build);

        Assert.Same(first, second);
        Assert.Equal(1, builds);
    }

    [Fact]
    public async Task Get_SharesOneBuild_BetweenConcurrentCallers()
    {
        var cache = Cache(TimeSpan.FromMinutes(1));
        var release = new TaskCompletionSource();
        var builds = 0;
        async Task<ReportSnapshot> Build(CancellationToken _)
        {
            Interlocked.Increment(ref builds);
            await release.Task;
            return NewSnapshot();
        }

        var callers = Enumerable.Range(0, 8).Select(_ => cache.GetAsync("t1", Build)).ToArray();
        release.SetResult();
        var snapshots = await Task.WhenAll(callers);

        Assert.Equal(1, builds);
        Assert.All(snapshots, s => Assert.Same(snapshots[0], s));
    }

    [Fact]
    public async Task Get_KeepsTenantsApart()
    {
        var cache = Cache(TimeSpan.FromMinutes(1));

        var a = await cache.GetAsync("a", _ => Task.FromResult(NewSnapshot()));
        var b = await cache.GetAsync("b", _ => Task.FromResult(NewSnapshot()));

        Assert.NotSame(a, b);
        Assert.Same(a, await cache.GetAsync("a", _ => throw new InvalidOperationException("must not rebuild")));
    }

    [Fact]
    public async Task Get_RebuildsInTheRequest_WhenStaleAndNoScopeFactoryIsRegistered()
    {
        var cache = Cache(TimeSpan.FromMinutes(1));
        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));

        clock.Advance(TimeSpan.FromMinutes(2));
        var second = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));

        Assert.NotSame(first, second);
        Assert.Equal(clock.GetUtcNow(), second.GeneratedAt);
    }

    [Fact]
    public async Task Get_ServesTheStaleSnapshot_AndRebuildsItInTheBackground_WhenAScopeFactoryIsRegistered()
    {
        var services = new ServiceCollection();
        var release = new TaskCompletionSource();
        services.AddScoped<AuthorityReportService>(_ => new SlowReportService(NewSnapshot, release.Task));
        using var provider = services.BuildServiceProvider();
        var cache = Cache(TimeSpan.FromMinutes(1), new Scopes(provider));
        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));

        clock.Advance(TimeSpan.FromMinutes(2));
        var stale = await cache.GetAsync("t1", _ => throw new InvalidOperationException("the request must not rebuild"));
        release.SetResult();
        ReportSnapshot fresh;
        var waited = 0;
        do
        {
            await Task.Delay(20);
            fresh = await cache.GetAsync("t1", _ => throw new InvalidOperationException("the request must not rebuild"));
        }
        while (ReferenceEquals(fresh, first) && ++waited < 250);

        Assert.Same(first, stale);
        Assert.NotSame(first, fresh);
        Assert.Equal(clock.GetUtcNow(), fresh.GeneratedAt);
    }

    [Fact]
    public async Task Get_NeverServesAStaleSnapshot_WhenStaleIsNotAllowed()
    {
        var services = new ServiceCollection();
        services.AddScoped<AuthorityReportService>(_ => new SlowReportService(NewSnapshot, Task.CompletedTask));
        using var provider = services.BuildServiceProvider();
        var cache = Cache(TimeSpan.FromMinutes(1), new Scopes(provider));
        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));

        clock.Advance(TimeSpan.FromSeconds(30));
        var young = await cache.GetAsync("t1", _ => throw new InvalidOperationException("young enough"), allowStale: false);
        clock.Advance(TimeSpan.FromMinutes(2));
        var rebuilt = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()), allowStale: false);

        Assert.Same(first, young);
        Assert.NotSame(first, rebuilt);
        Assert.Equal(clock.GetUtcNow(), rebuilt.GeneratedAt);
        Assert.Same(rebuilt, await cache.GetAsync("t1", _ => throw new InvalidOperationException("cached")));
    }

    [Fact]
    public async Task Get_RunsASingleBackgroundRefresh_WhileManyReadersAreServedTheStaleSnapshot()
    {
        var release = new TaskCompletionSource();
        var service = new SlowReportService(NewSnapshot, release.Task);
        using var provider = Provider(service);
        var cache = Cache(TimeSpan.FromMinutes(1), new Scopes(provider));
        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));
        clock.Advance(TimeSpan.FromMinutes(5));

        var served = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cache.GetAsync("t1", MustNotBuild)));
        release.SetResult();
        var fresh = await Eventually(() => cache.GetAsync("t1", MustNotBuild), s => !ReferenceEquals(s, first));

        Assert.All(served, s => Assert.Same(first, s));
        Assert.All(served, s => Assert.Equal(clock.GetUtcNow() - TimeSpan.FromMinutes(5), s.GeneratedAt));
        Assert.Equal(1, service.Builds);
        Assert.Equal(clock.GetUtcNow(), fresh.GeneratedAt);
    }

    [Fact]
    public async Task Get_KeepsServingThePreviousSnapshot_AndLogs_WhenTheBackgroundRefreshFails()
    {
        var service = new SlowReportService(() => throw new InvalidOperationException("database down"), Task.CompletedTask);
        using var provider = Provider(service);
        var logger = new ListLogger();
        var cache = Cache(TimeSpan.FromMinutes(1), new Scopes(provider), logger);
        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));
        clock.Advance(TimeSpan.FromMinutes(2));

        var stale = await cache.GetAsync("t1", MustNotBuild);
        await Eventually(() => cache.GetAsync("t1", MustNotBuild), _ => logger.Entries.Count > 0);
        var failures = service.Builds;
        service.Create = NewSnapshot;
        var recovered = await Eventually(() => cache.GetAsync("t1", MustNotBuild), s => !ReferenceEquals(s, first));

        Assert.Same(first, stale);
        var entry = logger.Entries[0];
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(2101, entry.EventId.Id);
        Assert.IsType<InvalidOperationException>(entry.Exception);
        Assert.Contains("t1", entry.Message, StringComparison.Ordinal);
        Assert.True(failures >= 1);
        Assert.NotSame(first, recovered);
        Assert.Equal(clock.GetUtcNow(), recovered.GeneratedAt);
    }

    [Fact]
    public async Task Get_ACallerThatNeedsAFreshSnapshot_JoinsTheRefreshUnderWay_InsteadOfLoadingTheDataAgain()
    {
        var release = new TaskCompletionSource();
        var service = new SlowReportService(NewSnapshot, release.Task);
        using var provider = Provider(service);
        var cache = Cache(TimeSpan.FromMinutes(1), new Scopes(provider));
        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Same(first, await cache.GetAsync("t1", MustNotBuild));

        var waiting = cache.GetAsync("t1", MustNotBuild, allowStale: false);
        Assert.False(waiting.IsCompleted);
        release.SetResult();
        var fresh = await waiting;

        Assert.NotSame(first, fresh);
        Assert.Equal(clock.GetUtcNow(), fresh.GeneratedAt);
        Assert.Equal(1, service.Builds);
    }

    [Fact]
    public async Task Get_ACallerThatNeedsAFreshSnapshot_BuildsItItself_WhenTheRefreshItJoinedFails()
    {
        var release = new TaskCompletionSource();
        var service = new SlowReportService(() => throw new InvalidOperationException("database down"), release.Task);
        using var provider = Provider(service);
        var cache = Cache(TimeSpan.FromMinutes(1), new Scopes(provider), new ListLogger());
        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Same(first, await cache.GetAsync("t1", MustNotBuild));

        var waiting = cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()), allowStale: false);
        release.SetResult();
        var fresh = await waiting;

        Assert.NotSame(first, fresh);
        Assert.Equal(clock.GetUtcNow(), fresh.GeneratedAt);
        Assert.Same(fresh, await cache.GetAsync("t1", MustNotBuild));
    }

    [Fact]
    public async Task Get_RetriesTheBuild_AfterAFailure()
    {
        var cache = Cache(TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("t1", _ => throw new InvalidOperationException("database down")));
        var snapshot = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));

        Assert.NotNull(snapshot);
    }

    [Fact]
    public async Task Get_RebuildsEveryTime_WhenTheMaxAgeIsZero()
    {
        var cache = Cache(TimeSpan.Zero);

        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));
        var second = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));

        Assert.NotSame(first, second);
    }

    [Fact]
    public async Task Invalidate_ForcesTheNextReadToRebuild()
    {
        var cache = Cache(TimeSpan.FromMinutes(1));
        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));

        cache.Invalidate("t1");
        var second = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));

        Assert.NotSame(first, second);
    }

    [Fact]
    public async Task MarkChanged_MakesAYoungSnapshotStale_ServedOnceWhileOneBackgroundRefreshReadsTheChange()
    {
        var services = new ServiceCollection();
        var release = new TaskCompletionSource();
        var slow = new SlowReportService(NewSnapshot, release.Task);
        services.AddScoped<AuthorityReportService>(_ => slow);
        using var provider = services.BuildServiceProvider();
        var cache = Cache(TimeSpan.FromMinutes(1), new Scopes(provider));
        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));
        clock.Advance(TimeSpan.FromSeconds(5));

        cache.MarkChanged("t1");
        var stale = await cache.GetAsync("t1", MustNotBuild);
        var staleAgain = await cache.GetAsync("t1", MustNotBuild);
        release.SetResult();
        var fresh = await Eventually(() => cache.GetAsync("t1", MustNotBuild), s => !ReferenceEquals(s, first));
        var afterwards = await cache.GetAsync("t1", MustNotBuild);

        Assert.Same(first, stale);
        Assert.Same(first, staleAgain);
        Assert.NotSame(first, fresh);
        Assert.Same(fresh, afterwards);
        Assert.Equal(1, slow.Builds);
    }

    [Fact]
    public async Task MarkChanged_ACallerAcceptingOnlyAgedSnapshots_WaitsForTheChange_ButIsServedAnAgedOneWithoutChange()
    {
        var services = new ServiceCollection();
        services.AddScoped<AuthorityReportService>(_ => new SlowReportService(NewSnapshot, Task.CompletedTask));
        using var provider = services.BuildServiceProvider();
        var cache = Cache(TimeSpan.FromMinutes(1), new Scopes(provider));
        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));

        clock.Advance(TimeSpan.FromMinutes(2));
        var aged = await cache.GetAsync("t1", MustNotBuild, SnapshotStaleness.Aged);
        var refreshed = await Eventually(() => cache.GetAsync("t1", MustNotBuild, SnapshotStaleness.Aged), s => !ReferenceEquals(s, first));
        cache.MarkChanged("t1");
        var afterChange = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()), SnapshotStaleness.Aged);

        Assert.Same(first, aged);
        Assert.NotSame(first, refreshed);
        Assert.NotSame(refreshed, afterChange);
        Assert.Same(afterChange, await cache.GetAsync("t1", MustNotBuild, SnapshotStaleness.Aged));
    }

    [Fact]
    public async Task MarkChanged_WithoutAScopeFactory_TheNextReadRebuilds_AndAnotherTenantKeepsItsSnapshot()
    {
        var cache = Cache(TimeSpan.FromMinutes(1));
        var first = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));
        var other = await cache.GetAsync("t2", _ => Task.FromResult(NewSnapshot()));

        cache.MarkChanged("t1");
        cache.MarkChanged("never-read");
        var second = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));
        var third = await cache.GetAsync("t1", MustNotBuild);
        var otherAgain = await cache.GetAsync("t2", MustNotBuild);

        Assert.NotSame(first, second);
        Assert.Same(second, third);
        Assert.Same(other, otherAgain);
    }

    [Fact]
    public async Task MarkChanged_DuringABuild_LeavesTheBuiltSnapshotStale()
    {
        var cache = Cache(TimeSpan.FromMinutes(1));
        var reading = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        async Task<ReportSnapshot> SlowBuild(CancellationToken _)
        {
            reading.SetResult();
            await release.Task;
            return NewSnapshot();
        }

        var building = cache.GetAsync("t1", SlowBuild);
        await reading.Task;
        cache.MarkChanged("t1");
        release.SetResult();
        var first = await building;
        var second = await cache.GetAsync("t1", _ => Task.FromResult(NewSnapshot()));

        Assert.NotSame(first, second);
    }

    private sealed class StaticOptions(AiLiteracyReportOptions value) : IOptionsMonitor<AiLiteracyReportOptions>
    {
        public AiLiteracyReportOptions CurrentValue => value;

        public AiLiteracyReportOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AiLiteracyReportOptions, string?> listener) => null;
    }

    private sealed class Scopes(IServiceProvider provider) : IReportScopeFactory
    {
        public AsyncServiceScope CreateScope(string tenantId) => provider.CreateAsyncScope();
    }

    private static ServiceProvider Provider(AuthorityReportService service)
    {
        var services = new ServiceCollection();
        services.AddScoped(_ => service);
        return services.BuildServiceProvider();
    }

    private sealed class SlowReportService(Func<ReportSnapshot> create, Task release) : AuthorityReportService
    {
        private int builds;

        public Func<ReportSnapshot> Create { get; set; } = create;

        public int Builds => Volatile.Read(ref builds);

        public override async Task<ReportSnapshot> BuildSnapshotAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref builds);
            await release;
            return Create();
        }
    }

    private sealed class ListLogger : ILogger<ReportSnapshotCache>
    {
        private readonly List<(LogLevel Level, EventId EventId, Exception? Exception, string Message)> entries = [];

        public IReadOnlyList<(LogLevel Level, EventId EventId, Exception? Exception, string Message)> Entries
        {
            get
            {
                lock (entries)
                {
                    return [.. entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (entries)
            {
                entries.Add((logLevel, eventId, exception, formatter(state, exception)));
            }
        }
    }
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action action)
    {
        action();
        return value;
    }
}
