using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    [Fact]
    public async Task RecordCompletion_ReturnsTheStoredRecord_WhenTheSameExternalIdIsSubmittedAgain()
    {
        await using var harness = await NewHarnessAsync();
        var first = await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion(externalId: "lms-42")));
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        var again = await harness.With<ICompletionRepository, CompletionWriteResult>(
            TenantA, r => r.RecordCompletionAsync(NewCompletion(externalId: "lms-42") with { Score = 99m, Date = new DateOnly(2026, 2, 13) }));

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Record, again.Record);
        Assert.Equal(85.5m, again.Record.Completion.Score);
        Assert.Single(await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListByAgentAsync("M001")));
    }

    [Fact]
    public async Task RecordCompletion_KeepsBothRecords_WhenTheSameExternalIdComesFromAnotherSource()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion(externalId: "42")));

        var other = await harness.With<ICompletionRepository, CompletionWriteResult>(
            TenantA, r => r.RecordCompletionAsync(NewCompletion(externalId: "42") with { Source = CompletionSource.Xapi }));

        Assert.True(other.Created);
    }

    [Fact]
    public async Task RecordCompletion_IsIdempotentOnAgentModuleVersionDateAndOutcome_WhenThereIsNoExternalId()
    {
        await using var harness = await NewHarnessAsync();
        var first = await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion()));
        var again = await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion() with { Score = 70m }));
        var failedSameDay = await harness.With<ICompletionRepository, CompletionWriteResult>(
            TenantA, r => r.RecordCompletionAsync(NewCompletion() with { Outcome = CompletionOutcome.Failed, Score = 40m }));
        var newVersion = await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion() with { ModuleVersion = 2 }));

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Record.Id, again.Record.Id);
        Assert.True(failedSameDay.Created);
        Assert.True(newVersion.Created);
        Assert.Equal(3, (await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListByAgentAsync("M001"))).Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("xapi-statement-7f3c")]
    public async Task RecordCompletion_StoresExactlyOneRow_When20IdenticalSubmissionsRunConcurrently(string? externalId)
    {
        await using var harness = await NewHarnessAsync();
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await using var scope = harness.Scope(TenantA);
            var repository = scope.Get<ICompletionRepository>();
            start.Wait();
            return await repository.RecordCompletionAsync(NewCompletion(externalId: externalId));
        })).ToList();
        start.Set();

        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Record.Id).Distinct());
        Assert.Single(await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListByAgentAsync("M001")));
    }

    [Fact]
    public async Task ListSince_PagesInRecordingOrder_FromTheGivenTime()
    {
        await using var harness = await NewHarnessAsync();
        for (var i = 0; i < 7; i++)
        {
            await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion(externalId: $"ext-{i}")));
            harness.Time.Advance(TimeSpan.FromHours(1));
        }

        // 11:30 in Paris (winter time) is 10:30 UTC.
        var since = new DateTimeOffset(2026, 3, 2, 11, 30, 0, TimeSpan.FromHours(1));
        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await harness.With<ICompletionRepository, Page<CompletionRecord>>(TenantA, r => r.ListSinceAsync(since, new PageRequest(2, token)));
            ids.AddRange(page.Items.Select(i => i.Completion.ExternalId!));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(["ext-2", "ext-3", "ext-4", "ext-5", "ext-6"], ids);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task UnitOfWork_CommitsACompletionAndItsOutboxEventTogether()
    {
        await using var harness = await NewHarnessAsync();
        await using (var scope = harness.Scope(TenantA))
        {
            await scope.Get<IUnitOfWork>().ExecuteAsync(async ct =>
            {
                var result = await scope.Get<ICompletionRepository>().RecordCompletionAsync(NewCompletion(externalId: "uow-1"), ct);
                return await scope.Get<IOutbox>().EnqueueAsync(new OutboxMessage("completion.recorded", $$"""{"id":"{{result.Record.Id}}"}"""), ct);
            });
        }

        var stored = await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListByAgentAsync("M001"));
        var claimed = await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("worker-1", 10, TimeSpan.FromMinutes(1)));
        Assert.Single(stored);
        var evt = Assert.Single(claimed);
        Assert.Equal(TenantA, evt.TenantId);
        Assert.Contains(stored[0].Id, evt.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitOfWork_RollsBackTheCompletionAndItsOutboxEvent_WhenTheWorkFails()
    {
        await using var harness = await NewHarnessAsync();
        await using (var scope = harness.Scope(TenantA))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Get<IUnitOfWork>().ExecuteAsync<int>(async ct =>
            {
                await scope.Get<ICompletionRepository>().RecordCompletionAsync(NewCompletion(externalId: "uow-2"), ct);
                await scope.Get<IOutbox>().EnqueueAsync(new OutboxMessage("completion.recorded", "{}"), ct);
                throw new InvalidOperationException("HR export failed");
            }));

            Assert.Empty(await scope.Get<ICompletionRepository>().ListByAgentAsync("M001"));
        }

        Assert.Empty(await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListByAgentAsync("M001")));
        Assert.Empty(await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("worker-1", 10, TimeSpan.FromMinutes(1))));
    }

    [Fact]
    public async Task UnitOfWork_ReturnsTheStoredRecord_WhenARepeatedCompletionIsRecordedInsideIt()
    {
        await using var harness = await NewHarnessAsync();
        var first = await harness.With<ICompletionRepository, CompletionWriteResult>(TenantA, r => r.RecordCompletionAsync(NewCompletion(externalId: "dup")));
        await using var scope = harness.Scope(TenantA);

        var again = await scope.Get<IUnitOfWork>().ExecuteAsync(async ct =>
        {
            var result = await scope.Get<ICompletionRepository>().RecordCompletionAsync(NewCompletion(externalId: "dup"), ct);
            await scope.Get<IAuditLog>().WriteAsync("test", "completion.record", result.Record.Id, cancellationToken: ct);
            return result;
        });

        Assert.False(again.Created);
        Assert.Equal(first.Record.Id, again.Record.Id);
    }

    [Fact]
    public async Task UnitOfWork_StoresOneCompletionAndOneEvent_When20IdenticalSubmissionsRunConcurrentlyInTransactions()
    {
        await using var harness = await NewHarnessAsync();
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await using var scope = harness.Scope(TenantA);
            start.Wait();
            return await scope.Get<IUnitOfWork>().ExecuteAsync(async ct =>
            {
                var result = await scope.Get<ICompletionRepository>().RecordCompletionAsync(NewCompletion(), ct);
                if (result.Created)
                {
                    await scope.Get<IOutbox>().EnqueueAsync(new OutboxMessage("completion.recorded", "{}"), ct);
                }

                return result;
            });
        })).ToList();
        start.Set();

        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Record.Id).Distinct());
        Assert.Single(await harness.With<ICompletionRepository, IReadOnlyList<CompletionRecord>>(TenantA, r => r.ListByAgentAsync("M001")));
        Assert.Single(await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("worker-1", 50, TimeSpan.FromMinutes(1))));
    }
}
