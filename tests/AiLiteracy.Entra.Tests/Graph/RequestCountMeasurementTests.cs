using System.Diagnostics;
using System.Globalization;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Entra.Tests.Fakes;
using Xunit.Abstractions;

namespace AiLiteracy.Entra.Tests.Graph;

/// <summary>
/// The figures Graph throttling is about: HTTP requests (and wall time against the local server with 50 ms of latency
/// per request) to add 10,000 members, for a no-op run, and for the naive one-request-per-member approach.
/// </summary>
[Trait("Category", "Measurement")]
public sealed class RequestCountMeasurementTests(ITestOutputHelper output)
{
    private const int Members = 10_000;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task Adding10000Members_TakesAtMost105PercentOfTheMinimumWrites_AndANoOpRunWritesNothing()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.AddAgents(Members);
        harness.Server.AddGroup(SyncHarness.GroupId);
        harness.Server.SetFaults(new GraphFaults { Latency = Latency });
        var service = harness.CreateService();

        var clock = Stopwatch.StartNew();
        var first = await service.RunAsync(harness.Request());
        var firstTime = clock.Elapsed;
        var firstReads = harness.Server.Reads;
        var firstWrites = harness.Server.WriteRequests;
        harness.Server.ResetCounters();
        clock.Restart();
        var noOp = await service.RunAsync(harness.Request());
        var noOpTime = clock.Elapsed;

        const int minimumWrites = Members / (20 * 20);
        Assert.Equal(GroupSyncRunStatus.Succeeded, first.Status);
        Assert.True(firstWrites <= minimumWrites * 1.05, $"{firstWrites} write requests for {Members} adds (minimum {minimumWrites})");
        Assert.Equal(0, harness.Server.WriteRequests);
        var pages = (Members + 998) / 999;
        Assert.Equal(pages + pages, harness.Server.Reads);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batched first sync of {Members} members: {firstWrites} write + {firstReads} read requests (minimum {minimumWrites} writes), {firstTime.TotalSeconds:0.0} s at {Latency.TotalMilliseconds} ms/request"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"no-op re-run: {harness.Server.WriteRequests} write + {harness.Server.Reads} read requests ({pages} user pages + {pages} member pages), {noOpTime.TotalSeconds:0.0} s"));
    }

    [Fact]
    public async Task NaiveOneRequestPerMember_TakesOneWritePerMember()
    {
        await using var harness = await SyncHarness.StartAsync();
        harness.AddAgents(Members);
        harness.Server.AddGroup(SyncHarness.GroupId);
        harness.Options.RequestsPerBatch = 1;
        harness.Options.MembersPerRequest = 1;

        var clock = Stopwatch.StartNew();
        var result = await harness.CreateService().RunAsync(harness.Request());
        var localTime = clock.Elapsed;

        Assert.Equal(GroupSyncRunStatus.Succeeded, result.Status);
        Assert.Equal(Members, harness.Server.WriteRequests);

        // Wall time with latency, measured on a sample and scaled (10,000 × 50 ms would take more than 8 minutes).
        await using var sample = await SyncHarness.StartAsync();
        sample.AddAgents(200);
        sample.Server.AddGroup(SyncHarness.GroupId);
        sample.Server.SetFaults(new GraphFaults { Latency = Latency });
        sample.Options.RequestsPerBatch = 1;
        sample.Options.MembersPerRequest = 1;
        clock.Restart();
        await sample.CreateService().RunAsync(sample.Request());
        var perMember = clock.Elapsed / 200;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"naive first sync of {Members} members: {harness.Server.WriteRequests} write + {harness.Server.Reads} read requests; {localTime.TotalSeconds:0.0} s without latency; about {(perMember * Members).TotalSeconds:0} s at {Latency.TotalMilliseconds} ms/request (measured on 200 members)"));
    }
}
