using AiLiteracy.Entra.Graph;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Entra.Tests.Fakes;
using AiLiteracy.Entra.Tests.TestData;
using AiLiteracy.Groups;
using Xunit.Abstractions;

namespace AiLiteracy.Entra.Tests.Graph;

public sealed class GroupSyncScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FirstSync_Adds10000ClearedAgentsToAnEmptyGroup_InTheMinimumNumberOfWrites()
    {
        await using var harness = await SyncHarness.StartAsync();
        var agents = harness.AddAgents(10_000);
        harness.Server.AddGroup(SyncHarness.GroupId);

        var result = await harness.CreateService().RunAsync(harness.Request());

        Assert.Equal(GroupSyncRunStatus.Succeeded, result.Status);
        Assert.Equal(harness.UserIdsOf(agents), harness.Server.MembersOf(SyncHarness.GroupId));
        Assert.Equal(25, harness.Server.WriteRequests); // 10,000 / (20 members per PATCH × 20 PATCHes per $batch)
        Assert.Equal(11 + 1, harness.Server.Reads); // users: 11 pages of 999; members of the empty group: 1 page
        Assert.Equal(10_000, result.Record.Applied);
        Assert.Equal(10_000, harness.Audit.Records.Count);
        Assert.All(harness.Audit.Records, r => Assert.False(string.IsNullOrEmpty(r.GraphRequestId)));
    }

    [Fact]
    public async Task SecondRun_RightAfter_MakesNoWriteRequest_AndReadsOnePagePer999Members()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.AddAgents(3_000);
        harness.Server.AddGroup(SyncHarness.GroupId);
        var service = harness.CreateService();
        await service.RunAsync(harness.Request());
        harness.Server.ResetCounters();

        var result = await service.RunAsync(harness.Request());

        Assert.Equal(GroupSyncRunStatus.Succeeded, result.Status);
        Assert.True(result.Plan!.IsEmpty);
        Assert.Equal(0, harness.Server.WriteRequests);
        Assert.Equal(4 + 4, harness.Server.Reads); // 3,000 users and 3,000 members: 4 pages each
        Assert.Equal(result.Record.RunId, (await service.GetLastRunAsync())!.RunId);
    }

    [Fact]
    public async Task TruncatedHrImport_StopsBeforeAnyWrite_UnlessForced()
    {
        await using var harness = await SyncHarness.StartAsync();
        var agents = harness.AddAgents(1_000);
        harness.Server.AddGroup(SyncHarness.GroupId, harness.UserIdsOf(agents));
        var service = harness.CreateService();

        var truncated = agents.Take(600).ToList();
        var stopped = await service.RunAsync(harness.Request(agents: truncated));

        Assert.Equal(GroupSyncRunStatus.StoppedBySafety, stopped.Status);
        Assert.Equal(400, stopped.Plan!.TotalRemoves);
        Assert.Equal(0, harness.Server.WriteRequests);
        Assert.Equal(1_000, harness.Server.MembersOf(SyncHarness.GroupId).Count);
        Assert.Contains("400", stopped.Record.Message, StringComparison.Ordinal);

        var forced = await service.RunAsync(harness.Request(agents: truncated, force: true));

        Assert.Equal(GroupSyncRunStatus.Succeeded, forced.Status);
        Assert.Equal(harness.UserIdsOf(truncated), harness.Server.MembersOf(SyncHarness.GroupId));
        Assert.All(harness.Audit.Records, r => Assert.Equal(GroupChangeReasonCode.NoAgent, r.ReasonCode));
    }

    [Fact]
    public async Task DryRun_ReturnsThePlanWithReasons_AndWritesNothing()
    {
        await using var harness = await SyncHarness.StartAsync();
        var agents = harness.AddAgents(30, cleared: i => i % 3 != 0);
        harness.Server.AddGroup(SyncHarness.GroupId, harness.UserIdsOf(agents.Take(3)));

        var result = await harness.CreateService().RunAsync(harness.Request(SyncHarness.ClearedRule(new RemovalThreshold { MaxRemovalPercent = 100 }), dryRun: true));

        Assert.Equal(GroupSyncRunStatus.DryRun, result.Status);
        Assert.Equal(0, harness.Server.WriteRequests);
        var plan = result.Plan!.Groups[0];
        Assert.Equal(18, plan.Adds.Count); // 20 cleared, 2 already members
        Assert.Single(plan.Removes); // A00000 is not cleared
        Assert.Equal(GroupChangeReasonCode.RuleNotMatched, plan.Removes[0].Reason.Code);
        Assert.Contains("TC-01", plan.Removes[0].Reason.Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_LeavesMembersThatAreNotUsersAlone()
    {
        await using var harness = await SyncHarness.StartAsync();
        var agents = harness.AddAgents(10);
        harness.Server.AddGroup(SyncHarness.GroupId, harness.UserIdsOf(agents));
        harness.Server.AddNonUserMember(SyncHarness.GroupId, "nested-group");

        var result = await harness.CreateService().RunAsync(harness.Request());

        Assert.True(result.Plan!.IsEmpty);
        Assert.Equal(0, harness.Server.WriteRequests);
    }

    [Fact]
    public async Task RefusedMultiMemberPatch_FallsBackToSingleAdds_ToIsolateTheBadReference()
    {
        await using var harness = await SyncHarness.StartAsync();
        var agents = harness.AddAgents(40);
        harness.Server.AddGroup(SyncHarness.GroupId);
        // The user of A00005 is deleted between the read and the write.
        var gone = TestWorld.UserIdOf("A00005");
        harness.Server.OnWriteRequest = n =>
        {
            if (n == 1)
            {
                harness.Server.DeleteUser(gone);
            }
        };

        var result = await harness.CreateService().RunAsync(harness.Request());

        Assert.Equal(GroupSyncRunStatus.CompletedWithErrors, result.Status);
        var failed = Assert.Single(result.Changes, c => !c.Succeeded);
        Assert.Equal(gone, failed.Change.UserId);
        Assert.Equal(404, failed.Status);
        Assert.Equal(harness.UserIdsOf(agents).Where(id => id != gone).ToHashSet(), harness.Server.MembersOf(SyncHarness.GroupId));
        Assert.Equal(2, harness.Server.WriteRequests); // the batch of 2 PATCHes, then one batch of 20 single adds
    }

    [Fact]
    public async Task KilledMidRun_NextRunConverges_WithoutDuplicateAddsOrWrongRemovals()
    {
        await using var harness = await SyncHarness.StartAsync();
        var agents = harness.AddAgents(2_000, cleared: i => i % 10 != 0);
        var stay = agents.Where((_, i) => i % 10 != 0 && i < 500).ToList();
        var leave = agents.Where((_, i) => i % 10 == 0 && i < 500).Take(20).ToList();
        harness.Server.AddGroup(SyncHarness.GroupId, harness.UserIdsOf(stay.Concat(leave)));
        using var cancel = new CancellationTokenSource();
        harness.Server.OnWriteRequest = n =>
        {
            if (n == 2)
            {
                cancel.Cancel();
            }
        };
        var service = harness.CreateService();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.RunAsync(harness.Request(), cancel.Token));
        Assert.Equal(GroupSyncRunStatus.Cancelled, (await service.GetLastRunAsync())!.Status);
        harness.Server.OnWriteRequest = null;
        var resumed = await service.RunAsync(harness.Request());

        Assert.Equal(GroupSyncRunStatus.Succeeded, resumed.Status);
        var wanted = harness.UserIdsOf(agents.Where((_, i) => i % 10 != 0));
        Assert.Equal(wanted, harness.Server.MembersOf(SyncHarness.GroupId));
        Assert.Equal(0, harness.Server.AddsOfExistingMembers);
        Assert.DoesNotContain(harness.Server.Removals, r => wanted.Contains(r.UserId));
    }

    [Fact]
    public async Task InjectedFaults_Over50Seeds_ConvergeToTheDesiredMembership()
    {
        for (var seed = 1; seed <= 50; seed++)
        {
            await using var harness = await SyncHarness.StartAsync();
            var random = new Random(seed);
            var cleared = new HashSet<int>();
            var agents = harness.AddAgents(120, cleared: i => random.NextDouble() < 0.7 && cleared.Add(i));
            var initial = agents.Where(_ => random.NextDouble() < 0.5).ToList();
            harness.Server.AddGroup(SyncHarness.GroupId, harness.UserIdsOf(initial));
            harness.Server.SetFaults(new GraphFaults { Rate = 0.2, Seed = seed });
            var options = harness.Options;
            options.MembersPerRequest = 5; // more requests, more faults
            options.RequestsPerBatch = 4;

            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = await harness.CreateService(options).RunAsync(harness.Request(SyncHarness.ClearedRule(new RemovalThreshold { MaxRemovalPercent = 100 })));
            output.WriteLine($"seed {seed}: {result.Status}, {harness.Server.Requests} requests, {started.ElapsedMilliseconds} ms");

            var desired = harness.UserIdsOf(agents.Where((_, i) => cleared.Contains(i)));
            Assert.True(GroupSyncRunStatus.Succeeded == result.Status, $"seed {seed}: {result.Status} {result.Record.Message}");
            Assert.True(desired.SetEquals(harness.Server.MembersOf(SyncHarness.GroupId)), $"seed {seed}: membership differs");
            Assert.True(harness.Server.AddsOfExistingMembers == 0, $"seed {seed}: {harness.Server.AddsOfExistingMembers} duplicate add(s)");
            Assert.True(harness.Server.Removals.All(r => !desired.Contains(r.UserId)), $"seed {seed}: wrong removal");
        }
    }
}
