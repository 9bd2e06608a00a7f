using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Storage.Tests;

/// <summary>The storage the HR integration needs: bulk agent upserts, withdrawn completions, positions and checkpoints.</summary>
public abstract partial class StorageSuite
{
    [Fact]
    public async Task UpsertMany_CreatesUpdatesAndLeavesUnchanged_InOneCall()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<IAgentRepository, UpsertOutcome>(TenantA, r => r.UpsertAsync(NewAgent("M001")));
        await harness.With<IAgentRepository, UpsertOutcome>(TenantA, r => r.UpsertAsync(NewAgent("M002")));

        var outcomes = await harness.With<IAgentRepository, IReadOnlyList<UpsertOutcome>>(TenantA, r =>
            r.UpsertManyAsync([NewAgent("M001"), NewAgent("M002") with { DisplayName = "Changé" }, NewAgent("M003")]));
        var stored = await harness.With<IAgentRepository, IReadOnlyDictionary<string, Agent>>(TenantA, r => r.GetManyAsync(["M002", "M003", "M404"]));

        Assert.Equal([UpsertOutcome.Unchanged, UpsertOutcome.Updated, UpsertOutcome.Created], outcomes);
        Assert.Equal(["M002", "M003"], stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Changé", stored["M002"].DisplayName);
    }

    [Fact]
    public async Task Withdraw_HidesTheCompletion_KeepsItForTheExportFeed_AndIsIdempotent()
    {
        await using var harness = await NewHarnessAsync();
        var kept = await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion(externalId: "stmt-1") with { Source = CompletionSource.Xapi }));
        var voided = await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion(moduleId: "TC-02", externalId: "stmt-2") with { Source = CompletionSource.Xapi }));
        harness.Time.Advance(TimeSpan.FromMinutes(1));

        var first = await harness.With<ICompletionRepository, CompletionWriteResult?>(TenantA, r => r.WithdrawAsync(CompletionSource.Xapi, "stmt-2"));
        var second = await harness.With<ICompletionRepository, CompletionWriteResult?>(TenantA, r => r.WithdrawAsync(CompletionSource.Xapi, "stmt-2"));
        var unknown = await harness.With<ICompletionRepository, CompletionWriteResult?>(TenantA, r => r.WithdrawAsync(CompletionSource.Xapi, "stmt-404"));
        var again = await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion(moduleId: "TC-02", externalId: "stmt-2") with { Source = CompletionSource.Xapi }));
        var byAgent = await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListByAgentAsync("M001"));
        var feed = await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListAfterAsync(0, 10));
        var withdrawn = await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListWithdrawnAfterAsync(DateTimeOffset.MinValue));
        var otherTenant = await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantB, r => r.ListAfterAsync(0, 10));

        Assert.True(first!.Created);
        Assert.False(second!.Created);
        Assert.Null(unknown);
        Assert.False(again.Created);
        Assert.Equal([kept.Record.Id], byAgent.Select(r => r.Id));
        Assert.Equal([kept.Record.Id, voided.Record.Id], feed.Select(r => r.Id));
        Assert.True(feed[0].Position < feed[1].Position);
        Assert.NotNull(feed[1].WithdrawnAt);
        Assert.Equal(voided.Record.Id, Assert.Single(withdrawn).Id);
        Assert.Empty(await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListWithdrawnAfterAsync(withdrawn[0].WithdrawnAt!.Value)));
        Assert.Empty(otherTenant);
    }

    [Fact]
    public async Task Checkpoint_IsStoredPerTenant_AndReplaced()
    {
        await using var harness = await NewHarnessAsync();

        await harness.With<ICheckpointStore, Checkpoint>(TenantA, s => s.SetAsync("export", "{\"position\":1}"));
        await harness.With<ICheckpointStore, Checkpoint>(TenantA, s => s.SetAsync("export", "{\"position\":2}"));

        Assert.Equal("{\"position\":2}", (await harness.With<ICheckpointStore, Checkpoint?>(TenantA, s => s.GetAsync("export")))!.State);
        Assert.Null(await harness.With<ICheckpointStore, Checkpoint?>(TenantB, s => s.GetAsync("export")));
    }
}
