using System.Reflection;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Storage.Entities;
using AiLiteracy.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    /// <summary>What <see cref="SeedTenantAsync"/> stored, to look it up from another tenant.</summary>
    protected sealed record SeededIds(string CompletionId, string LiveEventId, string DeadEventId, string WebhookId, string ApiKeyId, string PlaintextApiKey);

    [Fact]
    public async Task EveryDbSet_ReturnsOnlyTheCurrentTenantsRows_WhileAnotherTenantHasData()
    {
        await using var harness = await NewHarnessAsync(o => o.OutboxMaxAttempts = 1);
        await SeedTenantAsync(harness, TenantA, "A");
        await SeedTenantAsync(harness, TenantB, "B");
        await using var scope = harness.Scope(TenantA);
        var entityTypes = scope.Db.Model.GetEntityTypes().Select(t => t.ClrType).ToList();

        Assert.Equal(14, entityTypes.Count);
        foreach (var type in entityTypes)
        {
            var visible = await TenantsOf(scope.Db, type, ignoreFilters: false);
            var all = await TenantsOf(scope.Db, type, ignoreFilters: true);
            Assert.True(visible.Count > 0, $"{type.Name}: tenant A has rows");
            Assert.All(visible, tenant => Assert.Equal(TenantA, tenant));
            Assert.Contains(TenantB, all);
        }
    }

    [Fact]
    public async Task EveryDbSet_ReturnsNothing_WhenNoTenantIsSet()
    {
        await using var harness = await NewHarnessAsync(o => o.OutboxMaxAttempts = 1);
        await SeedTenantAsync(harness, TenantA, "A");
        await using var scope = harness.Scope(null);

        foreach (var type in scope.Db.Model.GetEntityTypes().Select(t => t.ClrType))
        {
            Assert.Empty(await TenantsOf(scope.Db, type, ignoreFilters: false));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Get<IAgentRepository>().UpsertAsync(NewAgent("M900")));
    }

    [Fact]
    public async Task SaveChanges_RefusesToWriteARowOfAnotherTenant()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<IAgentRepository, UpsertOutcome>(TenantB, r => r.UpsertAsync(NewAgent("M001")));
        await using var scope = harness.Scope(TenantA);

        scope.Db.Agents.Add(new AgentEntity { TenantId = TenantB, EmployeeNumber = "M002", DisplayName = "Intrus" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Db.SaveChangesAsync());
        scope.Db.ChangeTracker.Clear();

        var foreign = await scope.Db.Agents.IgnoreQueryFilters().SingleAsync(a => a.TenantId == TenantB);
        foreign.DisplayName = "Modifié";
        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Db.SaveChangesAsync());
        scope.Db.ChangeTracker.Clear();

        foreign = await scope.Db.Agents.IgnoreQueryFilters().SingleAsync(a => a.TenantId == TenantB);
        foreign.TenantId = TenantA;
        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Db.SaveChangesAsync());
        scope.Db.ChangeTracker.Clear();

        var stored = await harness.With<IAgentRepository, Agent?>(TenantB, r => r.GetAsync("M001"));
        Assert.Equal("Agent M001", stored!.DisplayName);
        Assert.Null(await harness.With<IAgentRepository, Agent?>(TenantB, r => r.GetAsync("M002")));
    }

    [Fact]
    public async Task SaveChanges_StampsNewRowsWithTheCurrentTenant()
    {
        await using var harness = await NewHarnessAsync();
        await using var scope = harness.Scope(TenantA);

        scope.Db.Agents.Add(new AgentEntity { EmployeeNumber = "M777" });
        await scope.Db.SaveChangesAsync();

        Assert.Equal(TenantA, (await scope.Db.Agents.IgnoreQueryFilters().SingleAsync(a => a.EmployeeNumber == "M777")).TenantId);
    }

    [Fact]
    public async Task EveryRepositoryMethod_SeesOnlyTheCurrentTenant_WhileAnotherTenantHasData()
    {
        await using var harness = await NewHarnessAsync(o => o.OutboxMaxAttempts = 1);
        await SeedTenantAsync(harness, TenantA, "A");
        var b = await SeedTenantAsync(harness, TenantB, "B");
        await using var scope = harness.Scope(TenantA);

        // Agents
        var agents = scope.Get<IAgentRepository>();
        Assert.Equal("A", (await agents.GetAsync("M001"))!.DisplayName);
        Assert.Null(await agents.GetAsync("B-only"));
        var page = await agents.ListAsync(new AgentFilter(), PageRequest.First);
        Assert.Equal(["A-only", "M001"], page.Items.Select(a => a.EmployeeNumber));
        Assert.Equal(["A-only", "M001"], await agents.StreamAsync(new AgentFilter()).Select(a => a.EmployeeNumber).ToListAsync());
        Assert.Equal(2, await agents.CountAsync(new AgentFilter()));
        Assert.False(await agents.DeactivateAsync("B-only", new DateOnly(2026, 1, 1)));

        // Completions
        var completions = scope.Get<ICompletionRepository>();
        Assert.Null(await completions.GetAsync(b.CompletionId));
        Assert.Equal(["A-ext"], (await completions.ListByAgentAsync("M001")).Select(c => c.Completion.ExternalId));
        Assert.Equal(["A-ext"], (await completions.ListSinceAsync(DateTimeOffset.MinValue, PageRequest.First)).Items.Select(c => c.Completion.ExternalId));
        Assert.Equal(["A-ext"], await completions.StreamAllAsync().Select(c => c.Completion.ExternalId).ToListAsync());

        // Acknowledgements and evidence
        var acknowledgements = scope.Get<IAcknowledgementRepository>();
        Assert.Equal([1], (await acknowledgements.ListByAgentAsync("M001")).Select(a => a.CharterVersion));
        Assert.Single(await acknowledgements.StreamAllAsync().ToListAsync());
        var evidence = scope.Get<IEvidenceRepository>();
        Assert.Equal(["A-ev"], (await evidence.ListByAgentAsync("M001")).Select(e => e.Id));
        Assert.Equal(["A-ev"], await evidence.StreamAllAsync().Select(e => e.Id).ToListAsync());

        // Definitions
        var definitions = scope.Get<IDefinitionRepository>();
        Assert.Equal(CurriculumJson("A-MOD", "A"), (await definitions.GetCurrentAsync(DefinitionKind.Curriculum))!.Json);
        Assert.Equal(CurriculumJson("A-MOD", "A"), (await definitions.GetVersionAsync(DefinitionKind.Curriculum, 1))!.Json);
        Assert.Single(await definitions.ListVersionsAsync(DefinitionKind.Curriculum));
        Assert.Equal(["A-MOD", "JOB-RH-01"], (await definitions.ListModulesAsync()).Select(m => m.Id));

        // Organisation
        var organization = scope.Get<IOrganizationRepository>();
        Assert.Equal(TenantA, (await organization.GetAsync())!.Id);
        Assert.Equal(["A-UNIT", "DG"], (await organization.ListOrgUnitsAsync()).Select(u => u.Id));
        Assert.False(await organization.RemoveOrgUnitAsync("B-UNIT"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => organization.UpdateAsync(new Organization { Id = TenantB, Name = "Pris" }));

        // Outbox
        var outbox = scope.Get<IOutbox>();
        Assert.Null(await outbox.GetAsync(b.LiveEventId));
        Assert.Null(await outbox.GetAsync(b.DeadEventId));
        Assert.All(await outbox.ListDeadLetteredAsync(), e => Assert.Equal(TenantA, e.TenantId));
        Assert.Single(await outbox.ListDeadLetteredAsync());
        Assert.False(await outbox.RequeueAsync(b.DeadEventId));

        // Webhooks
        var webhooks = scope.Get<IWebhookSubscriptionRepository>();
        Assert.Null(await webhooks.GetAsync(b.WebhookId));
        Assert.Equal(["https://a.example.fr/hook"], (await webhooks.ListAsync()).Select(w => w.NotificationUrl.AbsoluteUri));
        Assert.Equal(["https://a.example.fr/hook"], (await webhooks.ListForEventAsync("completion.recorded")).Select(w => w.NotificationUrl.AbsoluteUri));
        Assert.Null(await webhooks.GetSigningSecretAsync(b.WebhookId));
        Assert.Null(await webhooks.RecordDeliveryAsync(b.WebhookId, succeeded: false));
        Assert.False(await webhooks.DeleteAsync(b.WebhookId));

        // Audit log and API keys
        Assert.Equal(["A"], (await scope.Get<IAuditLog>().ListAsync(new AuditFilter(), PageRequest.First)).Items.Select(e => e.Actor));
        var keys = scope.Get<IApiKeyStore>();
        Assert.Equal(["A key"], (await keys.ListAsync()).Select(k => k.Name));
        Assert.False(await keys.RevokeAsync(b.ApiKeyId));

        // Nothing of tenant B was changed by tenant A's attempts.
        await using var bScope = harness.Scope(TenantB);
        Assert.Equal(TenantB, (await bScope.Get<IApiKeyStore>().VerifyAsync(b.PlaintextApiKey))!.TenantId);
        Assert.NotNull(await bScope.Get<IWebhookSubscriptionRepository>().GetSigningSecretAsync(b.WebhookId));
        Assert.Equal(0, (await bScope.Get<IWebhookSubscriptionRepository>().GetAsync(b.WebhookId))!.ConsecutiveFailures);
        Assert.Equal(EmploymentStatus.Active, (await bScope.Get<IAgentRepository>().GetAsync("B-only"))!.Status);
        Assert.Equal(["B-UNIT", "DG"], (await bScope.Get<IOrganizationRepository>().ListOrgUnitsAsync()).Select(u => u.Id));
        Assert.NotNull((await bScope.Get<IOutbox>().GetAsync(b.DeadEventId))!.DeadLetteredAt);
    }

    [Fact]
    public async Task Writes_WithKeysOfAnotherTenant_CreateSeparateRows()
    {
        await using var harness = await NewHarnessAsync();
        await SeedTenantAsync(harness, TenantB, "B");
        await using var scope = harness.Scope(TenantA);

        var completion = await scope.Get<ICompletionRepository>().RecordCompletionAsync(NewCompletion(externalId: "B-ext"));
        var evidence = await scope.Get<IEvidenceRepository>().AppendAsync(NewEvidence("B-ev", level: 3));
        var upsert = await scope.Get<IAgentRepository>().UpsertAsync(NewAgent("B-only"));
        var ack = await scope.Get<IAcknowledgementRepository>().RecordAsync(new Acknowledgement { EmployeeNumber = "M001", CharterVersion = 1, Date = new DateOnly(2026, 2, 1) });

        Assert.True(completion.Created);
        Assert.True(evidence.Created);
        Assert.Equal(3, evidence.Evidence.Level);
        Assert.Equal(UpsertOutcome.Created, upsert);
        Assert.True(ack.Created);
    }

    private async Task<SeededIds> SeedTenantAsync(StorageHarness harness, string tenant, string marker)
    {
        await using var scope = harness.Scope(tenant);
        await scope.Get<IAgentRepository>().UpsertAsync(NewAgent("M001") with { DisplayName = marker });
        await scope.Get<IAgentRepository>().UpsertAsync(NewAgent($"{marker}-only"));
        await scope.Get<IOrganizationRepository>().UpsertOrgUnitAsync(new OrgUnit { Id = $"{marker}-UNIT", Name = $"Direction {marker}", Kind = OrgUnitKind.Directorate });
        var completion = await scope.Get<ICompletionRepository>().RecordCompletionAsync(NewCompletion(externalId: $"{marker}-ext"));
        await scope.Get<IAcknowledgementRepository>().RecordAsync(new Acknowledgement { EmployeeNumber = "M001", CharterVersion = 1, Date = new DateOnly(2026, 1, 15) });
        await scope.Get<IEvidenceRepository>().AppendAsync(NewEvidence($"{marker}-ev"));
        await scope.Get<IDefinitionRepository>().SaveAsync(DefinitionKind.Curriculum, CurriculumJson($"{marker}-MOD", marker));
        var webhook = await scope.Get<IWebhookSubscriptionRepository>().CreateAsync("completion.recorded", new Uri($"https://{marker.ToLowerInvariant()}.example.fr/hook"));
        await scope.Get<IAuditLog>().WriteAsync(marker, "agents.import", details: "2 agents");
        await scope.Get<ICheckpointStore>().SetAsync("completions-export:csv", $"{{\"marker\":\"{marker}\"}}");
        await scope.Get<IJobLeaseStore>().TryClaimAsync("personal-data.retention", $"seed-{marker}", TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        var key = await scope.Get<IApiKeyStore>().CreateAsync($"{marker} key", ["Completions.Write"]);

        // One dead-lettered event (the harness allows one attempt) and one live event.
        var dead = await scope.Get<IOutbox>().EnqueueAsync(new OutboxMessage("completion.recorded", "{}"));
        var queue = scope.Get<IOutboxQueue>();
        foreach (var claimed in await queue.ClaimAsync($"seed-{marker}", 100, TimeSpan.FromMinutes(1)))
        {
            await queue.MarkFailedAsync(claimed.Id, $"seed-{marker}", "HTTP 500");
        }

        // Due later, so that seeding the next tenant does not claim it.
        var live = await scope.Get<IOutbox>().EnqueueAsync(new OutboxMessage("completion.recorded", "{}") { AvailableAt = harness.Time.GetUtcNow().AddHours(1) });
        return new SeededIds(completion.Record.Id, live.Id, dead.Id, webhook.Subscription.Id, key.Key.KeyId, key.PlaintextKey);
    }

    private static async Task<List<string>> TenantsOf(AiLiteracyDbContext db, Type entityType, bool ignoreFilters)
    {
        var method = typeof(StorageSuite).GetMethod(nameof(TenantsOfType), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(entityType);
        return await (Task<List<string>>)method.Invoke(null, [db, ignoreFilters])!;
    }

    private static Task<List<string>> TenantsOfType<T>(AiLiteracyDbContext db, bool ignoreFilters)
        where T : class, ITenantOwned
    {
        IQueryable<T> set = db.Set<T>();
        if (ignoreFilters)
        {
            set = set.IgnoreQueryFilters();
        }

        return set.Select(e => e.TenantId).ToListAsync();
    }

    /// <summary>A small valid curriculum document.</summary>
    protected static string CurriculumJson(string moduleId, string label, int moduleVersion = 1) =>
        $$"""{"id":"curriculum","version":"{{label}}","title":{"fr":"Parcours IA","en":"AI curriculum"},"modules":[{"id":"{{moduleId}}","version":{{moduleVersion}},"track":"common-core","title":{"fr":"Comprendre l'IA générative","en":"Understanding generative AI"},"durationHours":3.5,"validityMonths":24},{"id":"JOB-RH-01","track":"job","title":{"fr":"IA et RH","en":""},"durationHours":2,"required":false}]}""";

    /// <summary>An evidence entry.</summary>
    protected static Evidence NewEvidence(string id, string employeeNumber = "M001", int level = 2) => new()
    {
        Id = id,
        EmployeeNumber = employeeNumber,
        CompetencyId = "C-PROTECT-DATA",
        Level = level,
        Kind = EvidenceKind.Completion,
        Date = new DateOnly(2026, 2, 12),
        Reference = "TC-01",
    };
}
