using AiLiteracy.Ports;
using AiLiteracy.Storage.Tests.Infrastructure;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    private const string Job = "personal-data.retention";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static Task<bool> ClaimAsync(StorageHarness harness, string tenant, string holder) =>
        harness.With<IJobLeaseStore, bool>(tenant, s => s.TryClaimAsync(Job, holder, Lease, Day));

    [Fact]
    public async Task JobLease_IsClaimedByOneHolder_UntilCompleted_ThenDueAgainAfterTheInterval()
    {
        await using var harness = await NewHarnessAsync();

        var first = await ClaimAsync(harness, TenantA, "instance-1");
        var second = await ClaimAsync(harness, TenantA, "instance-2");
        var completed = await harness.With<IJobLeaseStore, bool>(TenantA, s => s.CompleteAsync(Job, "instance-1"));
        var tooSoon = await ClaimAsync(harness, TenantA, "instance-2");
        harness.Time.Advance(Day);
        var due = await ClaimAsync(harness, TenantA, "instance-2");
        var state = await harness.With<IJobLeaseStore, JobLeaseInfo?>(TenantA, s => s.GetAsync(Job));

        Assert.True(first);
        Assert.False(second);
        Assert.True(completed);
        Assert.False(tooSoon);
        Assert.True(due);
        Assert.Equal("instance-2", state!.HolderId);
        Assert.Equal(harness.Time.GetUtcNow() - Day, state.LastCompletedAt);
        Assert.Equal(harness.Time.GetUtcNow(), state.LastStartedAt);
        Assert.Equal(harness.Time.GetUtcNow() + Lease, state.LeasedUntil);
    }

    [Fact]
    public async Task JobLease_OfACrashedHolder_IsTakenOverOnceTheLeaseExpires()
    {
        await using var harness = await NewHarnessAsync();
        await ClaimAsync(harness, TenantA, "crashed");

        harness.Time.Advance(Lease - TimeSpan.FromSeconds(1));
        var during = await ClaimAsync(harness, TenantA, "instance-2");
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var after = await ClaimAsync(harness, TenantA, "instance-2");
        var lateCompletion = await harness.With<IJobLeaseStore, bool>(TenantA, s => s.CompleteAsync(Job, "crashed"));

        Assert.False(during);
        Assert.True(after);
        Assert.False(lateCompletion);
        Assert.Null((await harness.With<IJobLeaseStore, JobLeaseInfo?>(TenantA, s => s.GetAsync(Job)))!.LastCompletedAt);
    }

    [Fact]
    public async Task JobLease_Released_AfterAFailure_IsDueAgainAtOnce()
    {
        await using var harness = await NewHarnessAsync();
        await ClaimAsync(harness, TenantA, "instance-1");

        var foreignRelease = await harness.With<IJobLeaseStore, bool>(TenantA, s => s.ReleaseAsync(Job, "instance-2"));
        var released = await harness.With<IJobLeaseStore, bool>(TenantA, s => s.ReleaseAsync(Job, "instance-1"));
        var again = await ClaimAsync(harness, TenantA, "instance-2");

        Assert.False(foreignRelease);
        Assert.True(released);
        Assert.True(again);
    }

    [Fact]
    public async Task JobLease_IsPerTenant()
    {
        await using var harness = await NewHarnessAsync();

        var a = await ClaimAsync(harness, TenantA, "instance-1");
        var b = await ClaimAsync(harness, TenantB, "instance-2");

        Assert.True(a);
        Assert.True(b);
        Assert.Equal("instance-2", (await harness.With<IJobLeaseStore, JobLeaseInfo?>(TenantB, s => s.GetAsync(Job)))!.HolderId);
    }

    [Fact]
    public async Task JobLease_ConcurrentClaims_OneWinner_ForTheFirstRunAndForADueRun()
    {
        await using var harness = await NewHarnessAsync();

        var firstRun = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => ClaimAsync(harness, TenantA, $"instance-{i}"))));
        var holder = (await harness.With<IJobLeaseStore, JobLeaseInfo?>(TenantA, s => s.GetAsync(Job)))!.HolderId!;
        await harness.With<IJobLeaseStore, bool>(TenantA, s => s.CompleteAsync(Job, holder));
        harness.Time.Advance(Day);
        var dueRun = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => ClaimAsync(harness, TenantA, $"instance-{i}"))));

        Assert.Single(firstRun, claimed => claimed);
        Assert.Single(dueRun, claimed => claimed);
    }

    private static Task<bool> RenewAsync(StorageHarness harness, string tenant, string holder, TimeSpan lease) =>
        harness.With<IJobLeaseStore, bool>(tenant, s => s.RenewAsync(Job, holder, lease));

    [Fact]
    public async Task JobLease_Renewed_ByItsHolder_LastsALeaseFromTheRenewal_SoALongRunKeepsTheJob()
    {
        await using var harness = await NewHarnessAsync();
        await ClaimAsync(harness, TenantA, "instance-1");
        var startedAt = harness.Time.GetUtcNow();

        harness.Time.Advance(Lease - TimeSpan.FromSeconds(1));
        var renewed = await RenewAsync(harness, TenantA, "instance-1", Lease);
        harness.Time.Advance(TimeSpan.FromSeconds(2)); // past the end of the first lease
        var claimedByAnother = await ClaimAsync(harness, TenantA, "instance-2");
        var state = await harness.With<IJobLeaseStore, JobLeaseInfo?>(TenantA, s => s.GetAsync(Job));
        var completed = await harness.With<IJobLeaseStore, bool>(TenantA, s => s.CompleteAsync(Job, "instance-1"));

        Assert.True(renewed);
        Assert.False(claimedByAnother);
        Assert.Equal("instance-1", state!.HolderId);
        Assert.Equal(startedAt + Lease - TimeSpan.FromSeconds(1) + Lease, state.LeasedUntil);
        Assert.Equal(startedAt, state.LastStartedAt);
        Assert.True(completed);
    }

    [Fact]
    public async Task JobLease_RenewedByANonHolder_Fails_AndLeavesTheLeaseUnchanged()
    {
        await using var harness = await NewHarnessAsync();
        await ClaimAsync(harness, TenantA, "instance-1");
        var leasedUntil = harness.Time.GetUtcNow() + Lease;

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var foreign = await RenewAsync(harness, TenantA, "instance-2", TimeSpan.FromHours(1));
        var otherTenant = await RenewAsync(harness, TenantB, "instance-1", TimeSpan.FromHours(1));
        var neverClaimed = await harness.With<IJobLeaseStore, bool>(TenantA, s => s.RenewAsync("entra.group-sync", "instance-1", Lease));
        var state = await harness.With<IJobLeaseStore, JobLeaseInfo?>(TenantA, s => s.GetAsync(Job));

        Assert.False(foreign);
        Assert.False(otherTenant);
        Assert.False(neverClaimed);
        Assert.Equal("instance-1", state!.HolderId);
        Assert.Equal(leasedUntil, state.LeasedUntil);
    }

    [Fact]
    public async Task JobLease_RenewedAfterItExpired_AndAnotherInstanceClaimedIt_Fails()
    {
        await using var harness = await NewHarnessAsync();
        await ClaimAsync(harness, TenantA, "paused");

        harness.Time.Advance(Lease);
        var takenOver = await ClaimAsync(harness, TenantA, "instance-2");
        var lateRenewal = await RenewAsync(harness, TenantA, "paused", Lease);
        var state = await harness.With<IJobLeaseStore, JobLeaseInfo?>(TenantA, s => s.GetAsync(Job));

        Assert.True(takenOver);
        Assert.False(lateRenewal);
        Assert.Equal("instance-2", state!.HolderId);
        Assert.Equal(harness.Time.GetUtcNow() + Lease, state.LeasedUntil);
    }

    [Fact]
    public async Task JobLease_RenewedAfterItExpired_WhileNobodyClaimedIt_IsKept()
    {
        await using var harness = await NewHarnessAsync();
        await ClaimAsync(harness, TenantA, "slow");

        harness.Time.Advance(Lease + TimeSpan.FromMinutes(1));
        var renewed = await RenewAsync(harness, TenantA, "slow", Lease);
        var claimedByAnother = await ClaimAsync(harness, TenantA, "instance-2");

        Assert.True(renewed);
        Assert.False(claimedByAnother);
    }

    [Fact]
    public async Task JobLease_CompletedOrReleased_CannotBeRenewed()
    {
        await using var harness = await NewHarnessAsync();
        await ClaimAsync(harness, TenantA, "instance-1");
        await harness.With<IJobLeaseStore, bool>(TenantA, s => s.CompleteAsync(Job, "instance-1"));
        var afterCompletion = await RenewAsync(harness, TenantA, "instance-1", Lease);
        await harness.With<IJobLeaseStore, bool>(TenantB, s => s.TryClaimAsync(Job, "instance-1", Lease, Day));
        await harness.With<IJobLeaseStore, bool>(TenantB, s => s.ReleaseAsync(Job, "instance-1"));
        var afterRelease = await RenewAsync(harness, TenantB, "instance-1", Lease);

        Assert.False(afterCompletion);
        Assert.False(afterRelease);
        Assert.Null((await harness.With<IJobLeaseStore, JobLeaseInfo?>(TenantA, s => s.GetAsync(Job)))!.LeasedUntil);
        Assert.Null((await harness.With<IJobLeaseStore, JobLeaseInfo?>(TenantB, s => s.GetAsync(Job)))!.LeasedUntil);
    }

    [Fact]
    public async Task JobLease_Renewal_RejectsANonPositiveLease()
    {
        await using var harness = await NewHarnessAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RenewAsync(harness, TenantA, "instance-1", TimeSpan.Zero));
    }
}
