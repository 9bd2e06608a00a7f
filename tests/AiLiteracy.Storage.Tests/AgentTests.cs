using AiLiteracy.Model;
using AiLiteracy.Ports;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    [Fact]
    public async Task UpsertAgent_ReportsCreatedThenUnchangedThenUpdated()
    {
        await using var harness = await NewHarnessAsync();
        var agent = NewAgent("M001");

        var created = await harness.With<IAgentRepository, UpsertOutcome>(TenantA, r => r.UpsertAsync(agent));
        var unchanged = await harness.With<IAgentRepository, UpsertOutcome>(TenantA, r => r.UpsertAsync(agent with { }));
        var updated = await harness.With<IAgentRepository, UpsertOutcome>(TenantA, r => r.UpsertAsync(agent with { OrgUnitId = "DSI", Roles = AgentRoles.Agent | AgentRoles.Referent }));
        var stored = await harness.With<IAgentRepository, Agent?>(TenantA, r => r.GetAsync("M001"));

        Assert.Equal(UpsertOutcome.Created, created);
        Assert.Equal(UpsertOutcome.Unchanged, unchanged);
        Assert.Equal(UpsertOutcome.Updated, updated);
        Assert.Equal(agent with { OrgUnitId = "DSI", Roles = AgentRoles.Agent | AgentRoles.Referent }, stored);
    }

    [Fact]
    public async Task UpsertAgent_CreatesOneRow_WhenTheSameNewAgentIsUpsertedConcurrently()
    {
        await using var harness = await NewHarnessAsync();
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var scope = harness.Scope(TenantA);
            start.Wait();
            return await scope.Get<IAgentRepository>().UpsertAsync(NewAgent("M001"));
        })).ToList();
        start.Set();

        var outcomes = await Task.WhenAll(tasks);

        Assert.Single(outcomes, o => o == UpsertOutcome.Created);
        Assert.Equal(1, await harness.With<IAgentRepository, int>(TenantA, r => r.CountAsync(new AgentFilter())));
    }

    [Fact]
    public async Task ListAgents_AppliesOrgUnitJobFamilyRoleAndStatusFilters()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<IAgentRepository>(TenantA, async r =>
        {
            await r.UpsertAsync(NewAgent("M001", "DRH", "rh"));
            await r.UpsertAsync(NewAgent("M002", "DRH", "rh", AgentRoles.Agent | AgentRoles.Manager));
            await r.UpsertAsync(NewAgent("M003", "DCOM", "communication", AgentRoles.Agent | AgentRoles.Referent));
            await r.UpsertAsync(NewAgent("M004", "DCOM", "communication") with { Status = EmploymentStatus.OnLeave });
            await r.UpsertAsync(NewAgent("E001", null, null, AgentRoles.Elected));
        });

        async Task<string[]> List(AgentFilter filter) =>
            (await harness.With<IAgentRepository, Page<Agent>>(TenantA, r => r.ListAsync(filter, PageRequest.First))).Items.Select(a => a.EmployeeNumber).ToArray();

        Assert.Equal(["M001", "M002"], await List(new AgentFilter { OrgUnitId = "DRH" }));
        Assert.Equal(["M003", "M004"], await List(new AgentFilter { JobFamilyId = "communication" }));
        Assert.Equal(["M002"], await List(new AgentFilter { Role = AgentRoles.Manager }));
        Assert.Equal(["E001"], await List(new AgentFilter { Role = AgentRoles.Elected }));
        Assert.Equal(["M004"], await List(new AgentFilter { Status = EmploymentStatus.OnLeave }));
        Assert.Equal(["M003"], await List(new AgentFilter { JobFamilyId = "communication", Status = EmploymentStatus.Active }));
        Assert.Equal(5, await harness.With<IAgentRepository, int>(TenantA, r => r.CountAsync(new AgentFilter())));
    }

    [Fact]
    public async Task ListAgents_KeysetPagesAreStable_WhenAgentsAreAddedAndRemovedBetweenPages()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<IAgentRepository>(TenantA, async r =>
        {
            for (var i = 1; i <= 25; i++)
            {
                await r.UpsertAsync(NewAgent($"M{i * 10:D4}"));
            }
        });

        var seen = new List<string>();
        var first = await harness.With<IAgentRepository, Page<Agent>>(TenantA, r => r.ListAsync(new AgentFilter(), new PageRequest(10)));
        seen.AddRange(first.Items.Select(a => a.EmployeeNumber));

        // Between pages: an agent sorting before the cursor arrives, one after it arrives, one already read leaves.
        await harness.With<IAgentRepository>(TenantA, async r =>
        {
            await r.UpsertAsync(NewAgent("M0005"));
            await r.UpsertAsync(NewAgent("M0155"));
            await r.DeactivateAsync("M0010", new DateOnly(2026, 3, 1));
        });

        var token = first.ContinuationToken;
        while (token is not null)
        {
            var page = await harness.With<IAgentRepository, Page<Agent>>(TenantA, r => r.ListAsync(new AgentFilter(), new PageRequest(10, token)));
            seen.AddRange(page.Items.Select(a => a.EmployeeNumber));
            token = page.ContinuationToken;
        }

        var expected = Enumerable.Range(1, 25).Select(i => $"M{i * 10:D4}").Append("M0155").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task ListAgents_EndsWithoutToken_WhenTheLastPageIsFull()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<IAgentRepository>(TenantA, async r =>
        {
            for (var i = 1; i <= 4; i++)
            {
                await r.UpsertAsync(NewAgent($"M{i:D3}"));
            }
        });

        var first = await harness.With<IAgentRepository, Page<Agent>>(TenantA, r => r.ListAsync(new AgentFilter(), new PageRequest(2)));
        var second = await harness.With<IAgentRepository, Page<Agent>>(TenantA, r => r.ListAsync(new AgentFilter(), new PageRequest(2, first.ContinuationToken)));

        Assert.True(first.HasMore);
        Assert.Equal(["M003", "M004"], second.Items.Select(a => a.EmployeeNumber));
        Assert.False(second.HasMore);
    }

    [Fact]
    public async Task ListAgents_RejectsATamperedContinuationToken()
    {
        await using var harness = await NewHarnessAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.With<IAgentRepository, Page<Agent>>(TenantA, r => r.ListAsync(new AgentFilter(), new PageRequest(10, "not-a-token"))));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            harness.With<IAgentRepository, Page<Agent>>(TenantA, r => r.ListAsync(new AgentFilter(), new PageRequest(0))));
    }

    [Fact]
    public async Task DeactivateAgent_MarksTheAgentAsLeft_AndReportsFalseTheSecondTime()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<IAgentRepository, UpsertOutcome>(TenantA, r => r.UpsertAsync(NewAgent("M001")));

        var first = await harness.With<IAgentRepository, bool>(TenantA, r => r.DeactivateAsync("M001", new DateOnly(2026, 2, 28)));
        var second = await harness.With<IAgentRepository, bool>(TenantA, r => r.DeactivateAsync("M001", new DateOnly(2026, 3, 31)));
        var unknown = await harness.With<IAgentRepository, bool>(TenantA, r => r.DeactivateAsync("M999", new DateOnly(2026, 3, 31)));
        var stored = await harness.With<IAgentRepository, Agent?>(TenantA, r => r.GetAsync("M001"));

        Assert.True(first);
        Assert.False(second);
        Assert.False(unknown);
        Assert.Equal(EmploymentStatus.Left, stored!.Status);
        Assert.Equal(new DateOnly(2026, 2, 28), stored.EndDate);
    }
}
