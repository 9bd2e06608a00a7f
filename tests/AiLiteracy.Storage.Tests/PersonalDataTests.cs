using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    private const string Pseudonym = "ANON-00112233445566778899AABB";

    /// <summary>Stores M001 (managing M002) with a completion, an acknowledgement, evidence, an audit entry and a webhook event.</summary>
    private static async Task SeedPersonAsync(StorageHarness harness, string tenant)
    {
        await using var scope = harness.Scope(tenant);
        await scope.Get<IAgentRepository>().UpsertAsync(NewAgent("M001") with { EntraObjectId = "0f8fad5b-d9cb-469f-a165-70867728950e", UserPrincipalName = "m001@val-de-brume.fr", Roles = AgentRoles.Agent | AgentRoles.Manager });
        await scope.Get<IAgentRepository>().UpsertAsync(NewAgent("M002") with { ManagerEmployeeNumber = "M001" });
        await scope.Get<ICompletionRepository>().RecordCompletionAsync(NewCompletion("M001", externalId: "lms-1"));
        await scope.Get<ICompletionRepository>().RecordCompletionAsync(NewCompletion("M002"));
        await scope.Get<IAcknowledgementRepository>().RecordAsync(new Acknowledgement { EmployeeNumber = "M001", CharterVersion = 1, Date = new DateOnly(2025, 6, 1) });
        await scope.Get<IEvidenceRepository>().AppendAsync(NewEvidence("ev-1", "M001"));
        await scope.Get<IAuditLog>().WriteAsync("apikey:0a1b", "agents.update", "M001");
        await scope.Get<IOutbox>().EnqueueAsync(new OutboxMessage("agent.created", """{"subscriptionId":"s","data":{"employeeNumber":"M001","orgUnitId":"DRH"}}"""));
    }

    [Fact]
    public async Task Pseudonymize_ReplacesTheEmployeeNumberInEveryRecord_AndClearsIdentifyingFields()
    {
        await using var harness = await NewHarnessAsync();
        await SeedPersonAsync(harness, TenantA);
        await using var scope = harness.Scope(TenantA);

        var result = await scope.Get<IPersonalDataStore>().PseudonymizeAsync("M001", Pseudonym, new DateOnly(2026, 3, 2));

        Assert.Equal(new ErasureResult(Pseudonym, Completions: 1, Acknowledgements: 1, Evidence: 1, AuditEntries: 1, OutboxEvents: 1, ManagedAgents: 1), result);
        var agents = scope.Get<IAgentRepository>();
        Assert.Null(await agents.GetAsync("M001"));
        var erased = await agents.GetAsync(Pseudonym);
        Assert.Equal(
            new Agent { EmployeeNumber = Pseudonym, OrgUnitId = "DRH", JobFamilyId = "rh", Roles = AgentRoles.Agent | AgentRoles.Manager, Status = EmploymentStatus.Left, StartDate = new DateOnly(2020, 9, 1), EndDate = new DateOnly(2026, 3, 2) },
            erased);
        Assert.Null((await agents.GetAsync("M002"))!.ManagerEmployeeNumber);
        var completion = Assert.Single(await scope.Get<ICompletionRepository>().ListByAgentAsync(Pseudonym));
        Assert.Null(completion.Completion.EvidenceUrl);
        Assert.Equal("lms-1", completion.Completion.ExternalId);
        Assert.Empty(await scope.Get<ICompletionRepository>().ListByAgentAsync("M001"));
        Assert.Single(await scope.Get<ICompletionRepository>().ListByAgentAsync("M002"));
        Assert.Equal(1, Assert.Single(await scope.Get<IAcknowledgementRepository>().ListByAgentAsync(Pseudonym)).CharterVersion);
        Assert.Equal("ev-1", Assert.Single(await scope.Get<IEvidenceRepository>().ListByAgentAsync(Pseudonym)).Id);
        Assert.Empty(await scope.Get<IEvidenceRepository>().ListByAgentAsync("M001"));
        Assert.Equal(Pseudonym, Assert.Single((await scope.Get<IAuditLog>().ListAsync(new AuditFilter(), new PageRequest(10))).Items).Target);
        var payload = Assert.Single(await scope.Db.OutboxEvents.AsNoTracking().Select(e => e.Payload).ToListAsync());
        Assert.Equal("""{"subscriptionId":"s","data":{"employeeNumber":"ANON-00112233445566778899AABB","orgUnitId":"DRH"}}""", payload);
    }

    [Fact]
    public async Task Pseudonymize_LeavesAnotherTenantsAgentWithTheSameEmployeeNumberUntouched()
    {
        await using var harness = await NewHarnessAsync();
        await SeedPersonAsync(harness, TenantA);
        await SeedPersonAsync(harness, TenantB);

        await harness.With<IPersonalDataStore, ErasureResult?>(TenantA, s => s.PseudonymizeAsync("M001", Pseudonym, new DateOnly(2026, 3, 2)));

        await using var scope = harness.Scope(TenantB);
        Assert.Equal("Agent M001", (await scope.Get<IAgentRepository>().GetAsync("M001"))!.DisplayName);
        Assert.Equal("M001", (await scope.Get<IAgentRepository>().GetAsync("M002"))!.ManagerEmployeeNumber);
        Assert.Single(await scope.Get<ICompletionRepository>().ListByAgentAsync("M001"));
        Assert.Single(await scope.Get<IAcknowledgementRepository>().ListByAgentAsync("M001"));
        Assert.Single(await scope.Get<IEvidenceRepository>().ListByAgentAsync("M001"));
        Assert.Equal("M001", Assert.Single((await scope.Get<IAuditLog>().ListAsync(new AuditFilter(), new PageRequest(10))).Items).Target);
        Assert.Contains("\"employeeNumber\":\"M001\"", Assert.Single(await scope.Db.OutboxEvents.AsNoTracking().Select(e => e.Payload).ToListAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pseudonymize_ReturnsNull_ForAnUnknownAgent_AndRollsBackWithTheUnitOfWork()
    {
        await using var harness = await NewHarnessAsync();
        await SeedPersonAsync(harness, TenantA);
        await using var scope = harness.Scope(TenantA);
        var store = scope.Get<IPersonalDataStore>();

        var unknown = await store.PseudonymizeAsync("M404", Pseudonym, new DateOnly(2026, 3, 2));
        await Assert.ThrowsAsync<TimeoutException>(() => scope.Get<IUnitOfWork>().ExecuteAsync<int>(async ct =>
        {
            await store.PseudonymizeAsync("M001", Pseudonym, new DateOnly(2026, 3, 2), ct);
            throw new TimeoutException("the caller failed after the erasure");
        }));

        Assert.Null(unknown);
        Assert.Equal("Agent M001", (await scope.Get<IAgentRepository>().GetAsync("M001"))!.DisplayName);
        Assert.Single(await scope.Get<ICompletionRepository>().ListByAgentAsync("M001"));
        Assert.Null(await scope.Get<IAgentRepository>().GetAsync(Pseudonym));
    }

    [Fact]
    public async Task RetentionDue_ListsAgentsWhoLeftBeforeTheCutoff_AndNotYetErased()
    {
        await using var harness = await NewHarnessAsync();
        await using (var seed = harness.Scope(TenantA))
        {
            var agents = seed.Get<IAgentRepository>();
            await agents.UpsertAsync(NewAgent("L-OLD-2") with { Status = EmploymentStatus.Left, EndDate = new DateOnly(2019, 12, 31) });
            await agents.UpsertAsync(NewAgent("L-OLD-1") with { Status = EmploymentStatus.Left, EndDate = new DateOnly(2018, 5, 1) });
            await agents.UpsertAsync(NewAgent("L-EDGE") with { Status = EmploymentStatus.Left, EndDate = new DateOnly(2021, 3, 2) });
            await agents.UpsertAsync(NewAgent("L-NEW") with { Status = EmploymentStatus.Left, EndDate = new DateOnly(2025, 1, 1) });
            await agents.UpsertAsync(NewAgent("L-NODATE") with { Status = EmploymentStatus.Left });
            await agents.UpsertAsync(NewAgent("ACTIVE") with { EndDate = new DateOnly(2010, 1, 1) });
            await seed.Get<IPersonalDataStore>().PseudonymizeAsync("L-OLD-2", Pseudonym, new DateOnly(2026, 3, 2));
        }

        await harness.With<IAgentRepository, UpsertOutcome>(TenantB, r => r.UpsertAsync(NewAgent("B-OLD") with { Status = EmploymentStatus.Left, EndDate = new DateOnly(2010, 1, 1) }));
        await using var scope = harness.Scope(TenantA);
        var store = scope.Get<IPersonalDataStore>();

        var due = await store.ListRetentionDueAsync(new DateOnly(2021, 3, 2), 10);
        var first = await store.ListRetentionDueAsync(new DateOnly(2030, 1, 1), 1);

        Assert.Equal(["L-OLD-1"], due);
        Assert.Equal(["L-EDGE"], first);
    }
}
