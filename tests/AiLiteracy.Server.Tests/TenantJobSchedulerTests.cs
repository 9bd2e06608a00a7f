using AiLiteracy.Ports;
using AiLiteracy.Server.Hosting;
using AiLiteracy.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiLiteracy.Server.Tests;

/// <summary>
/// The lease of a scheduled job while it runs (<see cref="TenantJobScheduler"/>, behind the retention job and the Entra
/// ID group sync): renewed every third of the lease, so that a run longer than the lease keeps the job, and a run whose
/// lease was taken over is cancelled. The clocks are fake: every step is explicit, nothing depends on the machine's speed.
/// </summary>
public sealed class TenantJobSchedulerTests
{
    private const string Job = "test.long-run";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunLongerThanItsLease_RenewsIt_SoNoOtherInstanceCanClaimTheJob_ThenCompletesIt()
    {
        var clock = new FakeTimeProvider(Start());
        await using var server = await StartServerAsync(clock);
        var tenantId = await NewTenantAsync(server);
        var scheduler = new TenantJobScheduler(Job, server.Services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger.Instance);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runToken = CancellationToken.None;
        var claimedAt = clock.GetUtcNow();

        var running = scheduler.RunLeasedAsync(
            tenantId,
            Lease,
            Interval,
            async (_, token) =>
            {
                runToken = token;
                started.SetResult();
                await finish.Task.WaitAsync(token);
                return "done";
            },
            _ => true,
            CancellationToken.None);
        await started.Task.WaitAsync(Timeout);
        var claimsByAnotherInstance = new List<bool>();
        var renewedUntil = new List<DateTimeOffset?>();
        for (var tick = 1; tick <= 7; tick++) // the run lasts more than two leases
        {
            clock.Advance(Lease / 3);
            renewedUntil.Add(await LeasedUntilAsync(server, tenantId, clock.GetUtcNow() + Lease));
            claimsByAnotherInstance.Add(await ClaimAsync(server, tenantId, "another-instance"));
        }

        finish.SetResult();
        var run = await running.WaitAsync(Timeout);
        var state = await StateAsync(server, tenantId);

        Assert.All(Enumerable.Range(1, 7), tick => Assert.Equal(claimedAt + (tick * (Lease / 3)) + Lease, renewedUntil[tick - 1]));
        Assert.All(claimsByAnotherInstance, Assert.False);
        Assert.False(runToken.IsCancellationRequested);
        Assert.Equal(LeasedRunOutcome.Ran, run.Outcome);
        Assert.Equal("done", run.Result);
        Assert.StartsWith($"{Environment.MachineName}:", state.HolderId, StringComparison.Ordinal);
        Assert.Null(state.LeasedUntil);
        Assert.Equal(claimedAt, state.LastStartedAt);
        Assert.Equal(clock.GetUtcNow(), state.LastCompletedAt);
    }

    [Fact]
    public async Task RunWhoseLeaseWasTakenOver_WhileItsInstanceWasPaused_IsCancelled_AndLeavesTheJobToTheNewHolder()
    {
        // The database's time runs on while this instance is paused (its timers stand still): its lease runs out, another
        // instance claims the job, and the paused instance learns it at its next renewal.
        var databaseClock = new FakeTimeProvider(Start());
        var instanceClock = new FakeTimeProvider(Start());
        await using var server = await StartServerAsync(databaseClock);
        var tenantId = await NewTenantAsync(server);
        var log = new ListLogger();
        var scheduler = new TenantJobScheduler(Job, server.Services.GetRequiredService<IServiceScopeFactory>(), instanceClock, log);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = scheduler.RunLeasedAsync<string>(
            tenantId,
            Lease,
            Interval,
            async (_, token) =>
            {
                started.SetResult();
                try
                {
                    await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    cancelled.SetResult();
                    throw;
                }

                throw new InvalidOperationException("The run can only end by being cancelled.");
            },
            _ => true,
            CancellationToken.None);
        await started.Task.WaitAsync(Timeout);
        databaseClock.Advance(Lease);
        var takenOver = await ClaimAsync(server, tenantId, "another-instance");
        var cancelledBeforeTheRenewal = cancelled.Task.IsCompleted;
        instanceClock.Advance(Lease / 3);
        await cancelled.Task.WaitAsync(Timeout);
        var run = await running.WaitAsync(Timeout);
        var state = await StateAsync(server, tenantId);

        Assert.True(takenOver);
        Assert.False(cancelledBeforeTheRenewal);
        Assert.Equal(LeasedRunOutcome.LeaseLost, run.Outcome);
        Assert.Null(run.Result);
        Assert.Equal("another-instance", state.HolderId);
        Assert.Equal(databaseClock.GetUtcNow() + Lease, state.LeasedUntil);
        Assert.Null(state.LastCompletedAt);
        Assert.Contains(log.Entries, e => e.StartsWith("Warning 1213: Lease of job test.long-run for tenant " + tenantId + " lost", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunThatFails_ReleasesTheJob_WhichIsDueAgainAtOnce_AndRethrows()
    {
        var clock = new FakeTimeProvider(Start());
        await using var server = await StartServerAsync(clock);
        var tenantId = await NewTenantAsync(server);
        var scheduler = new TenantJobScheduler(Job, server.Services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger.Instance);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => scheduler.RunLeasedAsync<string>(
            tenantId, Lease, Interval, (_, _) => throw new InvalidOperationException("Graph unreachable"), _ => true, CancellationToken.None));
        var state = await StateAsync(server, tenantId);
        var claimedAgain = await ClaimAsync(server, tenantId, "another-instance");

        Assert.Equal("Graph unreachable", failure.Message);
        Assert.Null(state.LeasedUntil);
        Assert.Null(state.LastCompletedAt);
        Assert.True(claimedAgain);
    }

    [Fact]
    public async Task RunWhileTheJobIsHeld_OrNotDue_IsNotClaimed_AndDoesNotRun()
    {
        var clock = new FakeTimeProvider(Start());
        await using var server = await StartServerAsync(clock);
        var tenantId = await NewTenantAsync(server);
        var scheduler = new TenantJobScheduler(Job, server.Services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger.Instance);
        var runs = 0;
        Task<LeasedRun<string>> RunAsync() => scheduler.RunLeasedAsync(
            tenantId, Lease, Interval, (_, _) => Task.FromResult($"run {Interlocked.Increment(ref runs)}"), _ => true, CancellationToken.None);

        await ClaimAsync(server, tenantId, "another-instance");
        var whileHeld = await RunAsync();
        await server.InTenantAsync(tenantId, sp => sp.GetRequiredService<IJobLeaseStore>().CompleteAsync(Job, "another-instance"));
        var notDue = await RunAsync();
        clock.Advance(Interval);
        var due = await RunAsync();

        Assert.Equal(LeasedRunOutcome.NotClaimed, whileHeld.Outcome);
        Assert.Equal(LeasedRunOutcome.NotClaimed, notDue.Outcome);
        Assert.Equal(new LeasedRun<string>(LeasedRunOutcome.Ran, "run 1"), due);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Schedule_ChecksEveryInterval_WhileEnabled_AndSurvivesAFailedCheck()
    {
        var clock = new TimerSignallingClock(new FakeTimeProvider(Start()));
        var scheduler = new TenantJobScheduler(Job, new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), clock, NullLogger.Instance);
        var checkInterval = TimeSpan.FromMinutes(5);
        var enabled = true;
        var checks = new List<DateTimeOffset>();
        using var stop = new CancellationTokenSource();

        var loop = scheduler.RunScheduleAsync(
            () => new TenantJobSchedule(enabled, checkInterval),
            _ =>
            {
                checks.Add(clock.GetUtcNow());
                if (checks.Count == 1)
                {
                    throw new InvalidOperationException("Database unreachable");
                }

                enabled = checks.Count < 3;
                return Task.CompletedTask;
            },
            stop.Token);
        for (var turn = 0; turn < 5; turn++) // three checks, then two turns switched off
        {
            await clock.TimerCreated(Timeout);
            clock.Fake.Advance(checkInterval);
        }

        await clock.TimerCreated(Timeout);
        await stop.CancelAsync();
        await loop.WaitAsync(Timeout);

        Assert.Equal([Start(), Start() + checkInterval, Start() + (2 * checkInterval)], checks);
        Assert.Equal(Start() + (5 * checkInterval), clock.GetUtcNow());
    }

    /// <summary>A start time with whole seconds (the database keeps microseconds).</summary>
    private static DateTimeOffset Start() => new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static Task<ServerInstance> StartServerAsync(FakeTimeProvider databaseClock) =>
        ServerInstance.StartAsync(SqliteFiles.NewDatabase(), configureServices: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(databaseClock)));

    private static async Task<string> NewTenantAsync(ServerInstance server) =>
        (await server.CreateTenantAsync("job-" + Guid.NewGuid().ToString("N")[..10])).Id;

    private static Task<bool> ClaimAsync(ServerInstance server, string tenantId, string holderId) =>
        server.InTenantAsync(tenantId, sp => sp.GetRequiredService<IJobLeaseStore>().TryClaimAsync(Job, holderId, Lease, Interval));

    private static async Task<JobLeaseInfo> StateAsync(ServerInstance server, string tenantId) =>
        (await server.InTenantAsync(tenantId, sp => sp.GetRequiredService<IJobLeaseStore>().GetAsync(Job)))!;

    /// <summary>Waits until the renewal due at this time has been written (or the wait times out): the lease's end.</summary>
    private static async Task<DateTimeOffset?> LeasedUntilAsync(ServerInstance server, string tenantId, DateTimeOffset expected)
    {
        var deadline = DateTime.UtcNow + Timeout;
        DateTimeOffset? leasedUntil;
        while ((leasedUntil = (await StateAsync(server, tenantId)).LeasedUntil) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return leasedUntil;
    }

    /// <summary>A fake clock that tells when a timer is created on it (the loop waits for its next check).</summary>
    private sealed class TimerSignallingClock(FakeTimeProvider fake) : TimeProvider
    {
        private readonly SemaphoreSlim timers = new(0);

        public FakeTimeProvider Fake { get; } = fake;

        public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Fake.CreateTimer(callback, state, dueTime, period);
            timers.Release();
            return timer;
        }

        /// <summary>Waits for the next timer created.</summary>
        public async Task TimerCreated(TimeSpan timeout)
        {
            if (!await timers.WaitAsync(timeout))
            {
                throw new TimeoutException("No timer was created on the clock.");
            }
        }
    }

    /// <summary>Keeps what is logged.</summary>
    private sealed class ListLogger : ILogger
    {
        private readonly List<string> entries = [];

        public IReadOnlyList<string> Entries
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
                entries.Add($"{logLevel} {eventId.Id}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
