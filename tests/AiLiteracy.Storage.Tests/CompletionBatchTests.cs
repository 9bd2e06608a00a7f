using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    [Fact]
    public async Task RecordCompletions_StoresTheNewOnes_AndReturnsTheFirstRecord_ForRepeatsOfStoredRowsAndOfEarlierItems()
    {
        await using var harness = await NewHarnessAsync();
        var storedByExternalId = await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion(externalId: "lms-1")));
        var storedByNaturalKey = await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion("M002")));
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        Completion[] batch =
        [
            NewCompletion(externalId: "lms-1") with { Score = 12m },                        // 0: stored (same source and external id)
            NewCompletion(externalId: "lms-2"),                                              // 1: new
            NewCompletion("M002") with { Score = 40m },                                       // 2: stored (same agent, module, version, date, outcome)
            NewCompletion("M003"),                                                           // 3: new, natural key
            NewCompletion(externalId: "lms-2") with { Date = new DateOnly(2026, 1, 5) },     // 4: repeats item 1
            NewCompletion("M003") with { Score = 99m },                                       // 5: repeats item 3
            NewCompletion(externalId: "lms-1") with { Source = CompletionSource.Xapi },      // 6: new (another source)
            NewCompletion("M003") with { Outcome = CompletionOutcome.Failed, Score = 20m },   // 7: new (another outcome)
            NewCompletion(externalId: "   ") with { EmployeeNumber = "M004" },               // 8: new, a blank external id counts as none
        ];

        var results = await harness.With<ICompletionRepository, IReadOnlyList<CompletionWriteResult>>(TenantA, r => r.RecordCompletionsAsync(batch));

        Assert.Equal([false, true, false, true, false, false, true, true, true], results.Select(r => r.Created));
        Assert.Equal(storedByExternalId.Record, results[0].Record);
        Assert.Equal(storedByNaturalKey.Record, results[2].Record);
        Assert.Equal(results[1].Record, results[4].Record);
        Assert.Equal(results[3].Record, results[5].Record);
        Assert.Equal(85.5m, results[5].Record.Completion.Score);
        Assert.Null(results[8].Record.Completion.ExternalId);
        var created = results.Where(r => r.Created).Select(r => r.Record).ToArray();
        Assert.All(created, r => Assert.Equal(harness.Time.GetUtcNow(), r.RecordedAt));
        Assert.Equal(created.Select(r => r.Position).Order(), created.Select(r => r.Position)); // stored in the order given
        var all = await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListAfterAsync(0, 100));
        Assert.Equal(7, all.Count);
        Assert.Equal(created.Select(r => r.Id), all.Skip(2).Select(r => r.Id));
        Assert.Equal(results[3].Record, await harness.With<ICompletionRepository, CompletionRecord?>(TenantA, r => r.GetAsync(results[3].Record.Id)));
    }

    [Fact]
    public async Task RecordCompletions_ChangesNothing_WhenTheSameBatchIsRecordedAgain()
    {
        await using var harness = await NewHarnessAsync();
        var batch = Enumerable.Range(1, 30).Select(i => i % 2 == 0 ? NewCompletion($"M{i:D3}", externalId: $"lms-{i}") : NewCompletion($"M{i:D3}")).ToArray();

        var first = await harness.With<ICompletionRepository, IReadOnlyList<CompletionWriteResult>>(TenantA, r => r.RecordCompletionsAsync(batch));
        var again = await harness.With<ICompletionRepository, IReadOnlyList<CompletionWriteResult>>(TenantA, r => r.RecordCompletionsAsync(batch));

        Assert.All(first, r => Assert.True(r.Created));
        Assert.All(again, r => Assert.False(r.Created));
        Assert.Equal(first.Select(r => r.Record), again.Select(r => r.Record));
        Assert.Equal(30, (await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListAfterAsync(0, 100))).Count);
    }

    [Fact]
    public async Task RecordCompletions_FindsRepeatsOnlyInTheCurrentTenant()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<ICompletionRepository, IReadOnlyList<CompletionWriteResult>>(TenantB, r => r.RecordCompletionsAsync([NewCompletion(externalId: "lms-1"), NewCompletion()]));

        var results = await harness.With<ICompletionRepository, IReadOnlyList<CompletionWriteResult>>(TenantA, r => r.RecordCompletionsAsync([NewCompletion(externalId: "lms-1"), NewCompletion()]));

        Assert.All(results, r => Assert.True(r.Created));
        Assert.Equal(2, (await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListByAgentAsync("M001"))).Count);
        Assert.Equal(2, (await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantB, r => r.ListByAgentAsync("M001"))).Count);
    }

    [Fact]
    public async Task RecordCompletions_ReturnsTheWithdrawnRecord_WithoutStoringItAgain()
    {
        await using var harness = await NewHarnessAsync();
        var stored = await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion(externalId: "stmt-1") with { Source = CompletionSource.Xapi }));
        await harness.With<ICompletionRepository, CompletionWriteResult?>(TenantA, r => r.WithdrawAsync(CompletionSource.Xapi, "stmt-1"));

        var results = await harness.With<ICompletionRepository, IReadOnlyList<CompletionWriteResult>>(TenantA, r => r.RecordCompletionsAsync([NewCompletion(externalId: "stmt-1") with { Source = CompletionSource.Xapi }]));

        var result = Assert.Single(results);
        Assert.False(result.Created);
        Assert.Equal(stored.Record.Id, result.Record.Id);
        Assert.NotNull(result.Record.WithdrawnAt);
        Assert.Empty(await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListByAgentAsync("M001")));
    }

    [Fact]
    public async Task RecordCompletions_RollsBackWithTheUnitOfWork_AndCommitsWithItsOutboxEvents()
    {
        await using var harness = await NewHarnessAsync();
        await using (var scope = harness.Scope(TenantA))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Get<IUnitOfWork>().ExecuteAsync<int>(async ct =>
            {
                await scope.Get<ICompletionRepository>().RecordCompletionsAsync([NewCompletion(externalId: "uow-1"), NewCompletion("M002")], ct);
                throw new InvalidOperationException("import cancelled");
            }));

            var results = await scope.Get<IUnitOfWork>().ExecuteAsync(async ct =>
            {
                var written = await scope.Get<ICompletionRepository>().RecordCompletionsAsync([NewCompletion(externalId: "uow-1"), NewCompletion("M002")], ct);
                foreach (var result in written)
                {
                    await scope.Get<IOutbox>().EnqueueAsync(new OutboxMessage("completion.recorded", $$"""{"id":"{{result.Record.Id}}"}"""), ct);
                }

                return written;
            });

            Assert.All(results, r => Assert.True(r.Created));
        }

        var stored = await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListAfterAsync(0, 100));
        var events = await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("worker-1", 10, TimeSpan.FromMinutes(1)));
        Assert.Equal(2, stored.Count);
        Assert.Equal(2, events.Count);
        Assert.All(stored, r => Assert.Contains(events, e => e.PayloadJson.Contains(r.Id, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RecordCompletions_StoresEachCompletionOnce_WhenOverlappingBatchesRunConcurrently(bool inUnitOfWork)
    {
        await using var harness = await NewHarnessAsync();
        var all = Enumerable.Range(1, 40).Select(i => i % 2 == 0 ? NewCompletion($"M{i:D3}", externalId: $"lms-{i}") : NewCompletion($"M{i:D3}")).ToArray();
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            // Each writer records a different window of the same completions, inside a unit of work like an import, or on its own.
            var batch = all.Skip(w * 4).Take(24).ToArray();
            await using var scope = harness.Scope(TenantA);
            start.Wait();
            var results = inUnitOfWork
                ? await scope.Get<IUnitOfWork>().ExecuteAsync(ct => scope.Get<ICompletionRepository>().RecordCompletionsAsync(batch, ct))
                : await scope.Get<ICompletionRepository>().RecordCompletionsAsync(batch);
            return batch.Zip(results);
        })).ToList();
        start.Set();

        var outcomes = (await Task.WhenAll(tasks)).SelectMany(r => r).ToArray();

        var stored = await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListAfterAsync(0, 100));
        Assert.Equal(40, stored.Count);
        Assert.All(outcomes.GroupBy(o => o.Second.Record.Id), g => Assert.Single(g, o => o.Second.Created));
        Assert.Equal(40, outcomes.Where(o => o.Second.Created).Select(o => o.Second.Record.Id).Distinct().Count());
        Assert.All(outcomes, o => Assert.Equal(o.First.EmployeeNumber, o.Second.Record.Completion.EmployeeNumber));
    }

    [Fact]
    public async Task RecordCompletions_RefusesAnInvalidCompletion_BeforeWritingAnything()
    {
        await using var harness = await NewHarnessAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.With<ICompletionRepository, IReadOnlyList<CompletionWriteResult>>(
            TenantA, r => r.RecordCompletionsAsync([NewCompletion(externalId: "ok"), NewCompletion("M002") with { Score = 140m }])));

        Assert.Empty(await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListAfterAsync(0, 100)));
    }
}
