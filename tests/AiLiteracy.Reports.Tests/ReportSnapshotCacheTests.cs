using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Reports.Tests.TestData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiLiteracy.Reports.Tests;

public sealed class ReportSnapshotCacheTests
{
    private readonly FakeTimeProvider clock = TestClock.Create();
    private readonly ReportWorld world = new(DefinitionsBuilder.WithStandardCharter().WithModules(ModuleBuilder.CommonCore("TC-01")));

    private ReportSnapshot NewSnapshot() =>
        ReportSnapshot.Create(world.Organization, world.Definitions, world.Engines(world.Definitions), world.Agents, world.Records, clock.GetUtcNow());

    private ReportSnapshotCache Cache(TimeSpan maxAge, IReportScopeFactory? scopes = null) =>
        new(clock, new StaticOptions(new AiLiteracyReportOptions { SnapshotMaxAge = maxAge }), scopes);

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

    private sealed class SlowReportService(Func<ReportSnapshot> create, Task release) : AuthorityReportService
    {
        public override async Task<ReportSnapshot> BuildSnapshotAsync(CancellationToken cancellationToken = default)
        {
            await release;
            return create();
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
