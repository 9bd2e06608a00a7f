using System.Collections.Concurrent;
using AiLiteracy.Ports;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    [Fact]
    public async Task Claim_ReturnsOnlyDueEvents_AndLeasesThemUntilTheLeaseExpires()
    {
        await using var harness = await NewHarnessAsync();
        var now = harness.Time.GetUtcNow();
        var due = await harness.With<IOutbox, OutboxEvent>(TenantA, o => o.EnqueueAsync(new OutboxMessage("agent.updated", """{"n":1}""")));
        var later = await harness.With<IOutbox, OutboxEvent>(TenantB, o => o.EnqueueAsync(new OutboxMessage("agent.updated", """{"n":2}""") { AvailableAt = now.AddMinutes(10) }));

        var first = await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("w1", 10, TimeSpan.FromMinutes(2)));
        var whileLeased = await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("w2", 10, TimeSpan.FromMinutes(2)));
        harness.Time.Advance(TimeSpan.FromMinutes(3));
        var afterLease = await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("w2", 10, TimeSpan.FromMinutes(2)));
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        var whenLaterIsDue = await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("w3", 10, TimeSpan.FromMinutes(2)));

        var claimed = Assert.Single(first);
        Assert.Equal(due.Id, claimed.Id);
        Assert.Equal("w1", claimed.ClaimedBy);
        Assert.Equal(now.AddMinutes(2), claimed.ClaimedUntil);
        Assert.Equal(1, claimed.Attempts);
        Assert.Equal("""{"n":1}""", claimed.PayloadJson);
        Assert.Empty(whileLeased);
        var reclaimed = Assert.Single(afterLease);
        Assert.Equal(due.Id, reclaimed.Id);
        Assert.Equal(2, reclaimed.Attempts);
        Assert.Equal(new[] { due.Id, later.Id }.Order(StringComparer.Ordinal), whenLaterIsDue.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Claim_NeverGivesTheSameEventToTwoConcurrentWorkers()
    {
        await using var harness = await NewHarnessAsync();
        var enqueued = new List<string>();
        await harness.With<IOutbox>(TenantA, async o =>
        {
            for (var i = 0; i < 60; i++)
            {
                enqueued.Add((await o.EnqueueAsync(new OutboxMessage("completion.recorded", $$"""{"i":{{i}}}"""))).Id);
            }
        });

        var claims = new ConcurrentBag<(string Worker, string EventId)>();
        using var start = new ManualResetEventSlim(false);
        var workers = Enumerable.Range(1, 4).Select(w => Task.Run(async () =>
        {
            start.Wait();
            while (true)
            {
                await using var scope = harness.Scope(null);
                var batch = await scope.Get<IOutboxQueue>().ClaimAsync($"worker-{w}", 3, TimeSpan.FromMinutes(5));
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var e in batch)
                {
                    claims.Add(($"worker-{w}", e.Id));
                }
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(workers);

        Assert.Equal(60, claims.Count);
        Assert.Equal(enqueued.Order(StringComparer.Ordinal), claims.Select(c => c.EventId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MarkFailed_ReschedulesWithExponentialBackoff_ThenDeadLettersAfterTheLastAttempt()
    {
        await using var harness = await NewHarnessAsync(o =>
        {
            o.OutboxMaxAttempts = 3;
            o.OutboxRetryBaseDelay = TimeSpan.FromSeconds(30);
        });
        var evt = await harness.With<IOutbox, OutboxEvent>(TenantA, o => o.EnqueueAsync(new OutboxMessage("completion.recorded", "{}")));
        var results = new List<OutboxFailureResult?>();
        var start = harness.Time.GetUtcNow();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var claimed = await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("w1", 10, TimeSpan.FromMinutes(1)));
            Assert.Equal(evt.Id, Assert.Single(claimed).Id);
            Assert.Equal(attempt, claimed[0].Attempts);
            results.Add(await harness.With<IOutboxQueue, OutboxFailureResult?>(null, q => q.MarkFailedAsync(evt.Id, "w1", $"HTTP 503 (attempt {attempt})")));
            var notYet = await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("w1", 10, TimeSpan.FromMinutes(1)));
            Assert.Empty(notYet);
            harness.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var stored = await harness.With<IOutbox, OutboxEvent?>(TenantA, o => o.GetAsync(evt.Id));
        Assert.Equal(new OutboxFailureResult(false, start.AddSeconds(30)), results[0]);
        Assert.Equal(new OutboxFailureResult(false, start.AddMinutes(5).AddSeconds(60)), results[1]);
        Assert.Equal(new OutboxFailureResult(true, null), results[2]);
        Assert.Equal(start.AddMinutes(10), stored!.DeadLetteredAt);
        Assert.Equal("HTTP 503 (attempt 3)", stored.LastError);
        Assert.Null(stored.ClaimedBy);
        Assert.Empty(await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("w1", 10, TimeSpan.FromMinutes(1))));
        Assert.Equal([evt.Id], (await harness.With<IOutbox, IReadOnlyList<OutboxEvent>>(TenantA, o => o.ListDeadLetteredAsync())).Select(e => e.Id));
    }

    [Fact]
    public async Task Requeue_MakesADeadLetteredEventDueAgainWithFreshAttempts()
    {
        await using var harness = await NewHarnessAsync(o => o.OutboxMaxAttempts = 1);
        var evt = await harness.With<IOutbox, OutboxEvent>(TenantA, o => o.EnqueueAsync(new OutboxMessage("completion.recorded", "{}")));
        await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("w1", 10, TimeSpan.FromMinutes(1)));
        await harness.With<IOutboxQueue, OutboxFailureResult?>(null, q => q.MarkFailedAsync(evt.Id, "w1", "timeout"));

        var requeued = await harness.With<IOutbox, bool>(TenantA, o => o.RequeueAsync(evt.Id));
        var again = await harness.With<IOutbox, bool>(TenantA, o => o.RequeueAsync(evt.Id));
        var claimed = await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("w2", 10, TimeSpan.FromMinutes(1)));

        Assert.True(requeued);
        Assert.False(again);
        Assert.Equal(1, Assert.Single(claimed).Attempts);
    }

    [Fact]
    public async Task MarkDelivered_SucceedsOnlyForTheLeaseHolder_AndTheEventIsNeverClaimedAgain()
    {
        await using var harness = await NewHarnessAsync();
        var evt = await harness.With<IOutbox, OutboxEvent>(TenantA, o => o.EnqueueAsync(new OutboxMessage("completion.recorded", "{}")));
        await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("w1", 10, TimeSpan.FromMinutes(1)));

        var byOther = await harness.With<IOutboxQueue, bool>(null, q => q.MarkDeliveredAsync(evt.Id, "w2"));
        var failByOther = await harness.With<IOutboxQueue, OutboxFailureResult?>(null, q => q.MarkFailedAsync(evt.Id, "w2", "x"));
        var byHolder = await harness.With<IOutboxQueue, bool>(null, q => q.MarkDeliveredAsync(evt.Id, "w1"));
        harness.Time.Advance(TimeSpan.FromHours(1));
        var later = await harness.With<IOutboxQueue, IReadOnlyList<OutboxEvent>>(null, q => q.ClaimAsync("w3", 10, TimeSpan.FromMinutes(1)));
        var stored = await harness.With<IOutbox, OutboxEvent?>(TenantA, o => o.GetAsync(evt.Id));

        Assert.False(byOther);
        Assert.Null(failByOther);
        Assert.True(byHolder);
        Assert.Empty(later);
        Assert.NotNull(stored!.DeliveredAt);
        Assert.Null(stored.ClaimedBy);
    }

    [Fact]
    public void RetryDelay_DoublesFromTheBaseDelay_UpToTheMaximum()
    {
        var options = new AiLiteracyStorageOptions { OutboxRetryBaseDelay = TimeSpan.FromSeconds(30), OutboxRetryMaxDelay = TimeSpan.FromMinutes(10) };

        Assert.Equal(TimeSpan.FromSeconds(30), options.RetryDelay(1));
        Assert.Equal(TimeSpan.FromSeconds(60), options.RetryDelay(2));
        Assert.Equal(TimeSpan.FromSeconds(240), options.RetryDelay(4));
        Assert.Equal(TimeSpan.FromMinutes(10), options.RetryDelay(6));
        Assert.Equal(TimeSpan.FromMinutes(10), options.RetryDelay(500));
    }
}
