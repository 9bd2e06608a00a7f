using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Tests;

/// <summary>Bulk agent upserts: new agents inserted with multi-row statements, stored ones updated through change tracking.</summary>
public abstract partial class StorageSuite
{
    [Fact]
    public async Task UpsertMany_InsertsNewAgentsInBulk_WithTenantAllFieldsAndTimestamps()
    {
        await using var harness = await NewHarnessAsync();
        // More than one statement on either provider (16 rows a statement on SQLite, 500 on PostgreSQL).
        var agents = Enumerable.Range(1, 1_203).Select(i => NewAgent($"B{i:D5}") with
        {
            EntraObjectId = i % 3 == 0 ? $"oid-{i}" : null,
            UserPrincipalName = i % 3 == 0 ? $"b{i}@val-de-brume.fr" : null,
            ManagerEmployeeNumber = i % 5 == 0 ? "B00001" : null,
            Roles = i % 7 == 0 ? AgentRoles.Agent | AgentRoles.Manager : AgentRoles.Agent,
            Status = i % 11 == 0 ? EmploymentStatus.Left : EmploymentStatus.Active,
            EndDate = i % 11 == 0 ? new DateOnly(2026, 1, 31) : null,
            DisplayName = i % 13 == 0 ? null : $"Agent n° {i} — Hélène",
        }).ToArray();

        var outcomes = await harness.With<IAgentRepository, IReadOnlyList<UpsertOutcome>>(TenantA, r => r.UpsertManyAsync(agents));

        Assert.All(outcomes, o => Assert.Equal(UpsertOutcome.Created, o));
        var stored = await harness.With<IAgentRepository, IReadOnlyDictionary<string, Agent>>(TenantA, r => r.GetManyAsync(agents.Select(a => a.EmployeeNumber).ToArray()));
        Assert.Equal(agents.Length, stored.Count);
        Assert.All(agents, a => Assert.Equal(a, stored[a.EmployeeNumber]));
        await using var scope = harness.Scope(TenantA);
        var rows = await scope.Db.Set<AgentEntity>().IgnoreQueryFilters().AsNoTracking().ToListAsync();
        Assert.Equal(agents.Length, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(TenantA, r.TenantId);
            Assert.Equal(harness.Time.GetUtcNow(), r.CreatedAt);
            Assert.Equal(harness.Time.GetUtcNow(), r.UpdatedAt);
        });
        Assert.Empty(await harness.With<IAgentRepository, IReadOnlyDictionary<string, Agent>>(TenantB, r => r.GetManyAsync(agents.Select(a => a.EmployeeNumber).ToArray())));
    }

    [Fact]
    public async Task UpsertMany_MixesNewUpdatedAndUnchanged_AndStampsOnlyWhatChanged()
    {
        await using var harness = await NewHarnessAsync();
        var created = harness.Time.GetUtcNow();
        await harness.With<IAgentRepository, IReadOnlyList<UpsertOutcome>>(TenantA, r => r.UpsertManyAsync([NewAgent("M001"), NewAgent("M002")]));
        harness.Time.Advance(TimeSpan.FromHours(1));

        var outcomes = await harness.With<IAgentRepository, IReadOnlyList<UpsertOutcome>>(TenantA, r => r.UpsertManyAsync(
            [NewAgent("M003"), NewAgent("M001"), NewAgent("M002") with { OrgUnitId = "DSI" }, NewAgent("M004", roles: AgentRoles.Agent | AgentRoles.Referent)]));

        Assert.Equal([UpsertOutcome.Created, UpsertOutcome.Unchanged, UpsertOutcome.Updated, UpsertOutcome.Created], outcomes);
        await using var scope = harness.Scope(TenantA);
        var rows = await scope.Db.Set<AgentEntity>().AsNoTracking().OrderBy(a => a.EmployeeNumber).ToListAsync();
        Assert.Equal(["M001", "M002", "M003", "M004"], rows.Select(r => r.EmployeeNumber));
        Assert.Equal([created, created, created + TimeSpan.FromHours(1), created + TimeSpan.FromHours(1)], rows.Select(r => r.CreatedAt));
        Assert.Equal([created, created + TimeSpan.FromHours(1), created + TimeSpan.FromHours(1), created + TimeSpan.FromHours(1)], rows.Select(r => r.UpdatedAt));
        Assert.Equal("DSI", rows[1].OrgUnitId);
        Assert.Equal(AgentRoles.Agent | AgentRoles.Referent, rows[3].Roles);
    }

    [Fact]
    public async Task UpsertMany_StoresTheLastValues_OfAnEmployeeNumberRepeatedInTheBatch()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<IAgentRepository, UpsertOutcome>(TenantA, r => r.UpsertAsync(NewAgent("M001")));

        var outcomes = await harness.With<IAgentRepository, IReadOnlyList<UpsertOutcome>>(TenantA, r => r.UpsertManyAsync(
        [
            NewAgent("M002"),                                  // new
            NewAgent("M001") with { OrgUnitId = "DSI" },       // stored, changed
            NewAgent("M002"),                                  // repeat of a new one, same values
            NewAgent("M002") with { JobFamilyId = "finances" }, // repeat of a new one, other values
            NewAgent("M001") with { OrgUnitId = "DSI" },       // repeat of a stored one, same values
        ]));

        Assert.Equal([UpsertOutcome.Created, UpsertOutcome.Updated, UpsertOutcome.Unchanged, UpsertOutcome.Created, UpsertOutcome.Unchanged], outcomes);
        var stored = await harness.With<IAgentRepository, IReadOnlyDictionary<string, Agent>>(TenantA, r => r.GetManyAsync(["M001", "M002"]));
        Assert.Equal("DSI", stored["M001"].OrgUnitId);
        Assert.Equal("finances", stored["M002"].JobFamilyId);
        Assert.Equal(2, await harness.With<IAgentRepository, int>(TenantA, r => r.CountAsync(new AgentFilter())));
    }

    [Fact]
    public async Task UpsertMany_CreatesTheAgent_AndLeavesAnotherTenantsAgentWithTheSameEmployeeNumberUntouched()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<IAgentRepository, UpsertOutcome>(TenantB, r => r.UpsertAsync(NewAgent("M001", "DG", "direction")));
        harness.Time.Advance(TimeSpan.FromHours(1));

        var outcomes = await harness.With<IAgentRepository, IReadOnlyList<UpsertOutcome>>(TenantA, r => r.UpsertManyAsync([NewAgent("M001"), NewAgent("M002")]));

        Assert.Equal([UpsertOutcome.Created, UpsertOutcome.Created], outcomes);
        Assert.Equal(NewAgent("M001"), await harness.With<IAgentRepository, Agent?>(TenantA, r => r.GetAsync("M001")));
        Assert.Equal(NewAgent("M001", "DG", "direction"), await harness.With<IAgentRepository, Agent?>(TenantB, r => r.GetAsync("M001")));
        Assert.Null(await harness.With<IAgentRepository, Agent?>(TenantB, r => r.GetAsync("M002")));
        await using var scope = harness.Scope(TenantB);
        var other = await scope.Db.Set<AgentEntity>().AsNoTracking().SingleAsync();
        Assert.Equal(harness.Time.GetUtcNow() - TimeSpan.FromHours(1), other.UpdatedAt);
    }

    [Fact]
    public async Task UpsertMany_WritesNothing_WithoutATenant()
    {
        await using var harness = await NewHarnessAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.With<IAgentRepository, IReadOnlyList<UpsertOutcome>>(null, r => r.UpsertManyAsync([NewAgent("M001")])));

        await using var scope = harness.Scope(null);
        Assert.Empty(await scope.Db.Set<AgentEntity>().IgnoreQueryFilters().ToListAsync());
    }

    [Fact]
    public async Task UpsertMany_RollsBackWithTheUnitOfWork()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<IAgentRepository, UpsertOutcome>(TenantA, r => r.UpsertAsync(NewAgent("M001")));
        await using (var scope = harness.Scope(TenantA))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Get<IUnitOfWork>().ExecuteAsync<int>(async ct =>
            {
                await scope.Get<IAgentRepository>().UpsertManyAsync([NewAgent("M001") with { OrgUnitId = "DSI" }, NewAgent("M002")], ct);
                throw new InvalidOperationException("import cancelled");
            }));
        }

        var stored = await harness.With<IAgentRepository, IReadOnlyDictionary<string, Agent>>(TenantA, r => r.GetManyAsync(["M001", "M002"]));
        Assert.Equal(NewAgent("M001"), Assert.Single(stored).Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UpsertMany_CreatesEachAgentOnce_AndUpdatesIt_WhenOverlappingBatchesRunConcurrently(bool inUnitOfWork)
    {
        await using var harness = await NewHarnessAsync();
        var all = Enumerable.Range(1, 60).Select(i => NewAgent($"M{i:D3}")).ToArray();
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            // Each writer upserts a different window of the same agents, its own org unit, inside a unit of work like an import, or on its own.
            var batch = all.Skip(w * 6).Take(30).Select(a => a with { OrgUnitId = $"U{w}" }).ToArray();
            await using var scope = harness.Scope(TenantA);
            start.Wait();
            var outcomes = inUnitOfWork
                ? await scope.Get<IUnitOfWork>().ExecuteAsync(ct => scope.Get<IAgentRepository>().UpsertManyAsync(batch, ct))
                : await scope.Get<IAgentRepository>().UpsertManyAsync(batch);
            return batch.Zip(outcomes);
        })).ToList();
        start.Set();

        var results = (await Task.WhenAll(tasks)).SelectMany(r => r).ToArray();

        var stored = await harness.With<IAgentRepository, IReadOnlyDictionary<string, Agent>>(TenantA, r => r.GetManyAsync(all.Select(a => a.EmployeeNumber).ToArray()));
        var upserted = results.Select(r => r.First.EmployeeNumber).Distinct().ToArray();
        Assert.Equal(upserted.Length, stored.Count);
        Assert.All(results.GroupBy(r => r.First.EmployeeNumber), g =>
        {
            Assert.Single(g, r => r.Second == UpsertOutcome.Created);
            Assert.All(g, r => Assert.NotEqual(UpsertOutcome.Unchanged, r.Second)); // every writer brings another org unit
            Assert.Contains(g, r => r.First == stored[g.Key]);                    // some writer's values, whole
        });
    }
}
