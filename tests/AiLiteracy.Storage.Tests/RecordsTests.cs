using AiLiteracy.Model;
using AiLiteracy.Ports;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    [Fact]
    public async Task Evidence_IsAppendOnly_AndARepeatedIdReturnsTheStoredEntry()
    {
        await using var harness = await NewHarnessAsync();
        var first = await harness.With<IEvidenceRepository, (Evidence, bool)>(TenantA, r => r.AppendAsync(NewEvidence("ev-1", level: 2)));
        var repeat = await harness.With<IEvidenceRepository, (Evidence, bool)>(TenantA, r => r.AppendAsync(NewEvidence("ev-1", level: 4)));
        await harness.With<IEvidenceRepository, (Evidence, bool)>(TenantA, r => r.AppendAsync(NewEvidence("ev-0", level: 3)));

        await using var scope = harness.Scope(TenantA);
        var row = await scope.Db.Evidence.FirstAsync();
        row.Level = 4;
        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Db.SaveChangesAsync());
        scope.Db.ChangeTracker.Clear();
        scope.Db.Evidence.Remove(await scope.Db.Evidence.FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Db.SaveChangesAsync());
        scope.Db.ChangeTracker.Clear();

        Assert.True(first.Item2);
        Assert.False(repeat.Item2);
        Assert.Equal(2, repeat.Item1.Level);
        Assert.Equal(["ev-1", "ev-0"], (await scope.Get<IEvidenceRepository>().ListByAgentAsync("M001")).Select(e => e.Id));
        Assert.Equal(NewEvidence("ev-1", level: 2), (await scope.Get<IEvidenceRepository>().ListByAgentAsync("M001"))[0]);
    }

    [Fact]
    public async Task Acknowledgement_IsRecordedOncePerCharterVersion_KeepingTheFirstDate()
    {
        await using var harness = await NewHarnessAsync();
        var v1 = new Acknowledgement { EmployeeNumber = "M001", CharterVersion = 1, Date = new DateOnly(2025, 6, 1) };

        var first = await harness.With<IAcknowledgementRepository, (Acknowledgement, bool)>(TenantA, r => r.RecordAsync(v1));
        var repeat = await harness.With<IAcknowledgementRepository, (Acknowledgement, bool)>(TenantA, r => r.RecordAsync(v1 with { Date = new DateOnly(2025, 7, 1) }));
        var v2 = await harness.With<IAcknowledgementRepository, (Acknowledgement, bool)>(TenantA, r => r.RecordAsync(v1 with { CharterVersion = 2, Date = new DateOnly(2026, 1, 10) }));
        await harness.With<IAcknowledgementRepository, (Acknowledgement, bool)>(TenantA, r => r.RecordAsync(v1 with { EmployeeNumber = "M000" }));

        Assert.True(first.Item2);
        Assert.False(repeat.Item2);
        Assert.Equal(v1, repeat.Item1);
        Assert.True(v2.Item2);
        Assert.Equal([1, 2], (await harness.With<IAcknowledgementRepository, IReadOnlyList<Acknowledgement>>(TenantA, r => r.ListByAgentAsync("M001"))).Select(a => a.CharterVersion));
        Assert.Equal(["M000", "M001", "M001"], await harness.With<IAcknowledgementRepository, List<string>>(TenantA, r => r.StreamAllAsync().Select(a => a.EmployeeNumber).ToListAsync().AsTask()));
    }

    [Fact]
    public async Task AuditLog_ListsNewestFirst_WithFiltersAndPaging()
    {
        await using var harness = await NewHarnessAsync();
        await harness.With<IAuditLog>(TenantA, async log =>
        {
            for (var i = 0; i < 5; i++)
            {
                await log.WriteAsync(i % 2 == 0 ? "cli" : "apikey:0a1b", "agents.import", target: $"batch-{i}", details: $"{i} agents");
                harness.Time.Advance(TimeSpan.FromMinutes(1));
            }
        });

        var first = await harness.With<IAuditLog, Page<AuditEntry>>(TenantA, l => l.ListAsync(new AuditFilter(), new PageRequest(3)));
        var second = await harness.With<IAuditLog, Page<AuditEntry>>(TenantA, l => l.ListAsync(new AuditFilter(), new PageRequest(3, first.ContinuationToken)));
        var cliOnly = await harness.With<IAuditLog, Page<AuditEntry>>(TenantA, l => l.ListAsync(new AuditFilter { Actor = "cli" }, PageRequest.First));
        var window = await harness.With<IAuditLog, Page<AuditEntry>>(TenantA, l => l.ListAsync(
            new AuditFilter { From = new DateTimeOffset(2026, 3, 2, 9, 31, 0, TimeSpan.FromHours(1)), To = new DateTimeOffset(2026, 3, 2, 8, 33, 0, TimeSpan.Zero) }, PageRequest.First));

        Assert.Equal(["batch-4", "batch-3", "batch-2"], first.Items.Select(e => e.Target));
        Assert.Equal(["batch-1", "batch-0"], second.Items.Select(e => e.Target));
        Assert.Null(second.ContinuationToken);
        Assert.Equal(["batch-4", "batch-2", "batch-0"], cliOnly.Items.Select(e => e.Target));
        Assert.Equal(["batch-2", "batch-1"], window.Items.Select(e => e.Target));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 34, 0, TimeSpan.Zero), first.Items[0].OccurredAt);
    }

    [Fact]
    public async Task Organization_ExposesTheTenantItsOrgUnitsAndItsEntraMapping()
    {
        await using var harness = await NewHarnessAsync();
        await using var scope = harness.Scope(TenantA);
        var organizations = scope.Get<IOrganizationRepository>();

        var created = await organizations.UpsertOrgUnitAsync(new OrgUnit { Id = "DRH", Name = "Direction des ressources humaines", Kind = OrgUnitKind.Directorate, ParentId = "DG" });
        var unchanged = await organizations.UpsertOrgUnitAsync(new OrgUnit { Id = "DRH", Name = "Direction des ressources humaines", Kind = OrgUnitKind.Directorate, ParentId = "DG" });
        var renamed = await organizations.UpsertOrgUnitAsync(new OrgUnit { Id = "DRH", Name = "DRH", Kind = OrgUnitKind.Directorate, ParentId = "DG" });
        var updated = await organizations.UpdateAsync(new Organization { Id = TenantA, Name = "Communauté d'agglomération du Val de Brume", Kind = OrganizationKind.Epci, Siren = "200000001" });
        await organizations.SetEntraTenantIdAsync("44444444-4444-4444-4444-444444444444");
        var organization = await organizations.GetAsync();
        var byTid = await scope.Get<ITenantDirectory>().FindByEntraTenantIdAsync("44444444-4444-4444-4444-444444444444");
        var oldTid = await scope.Get<ITenantDirectory>().FindByEntraTenantIdAsync("11111111-1111-1111-1111-111111111111");

        Assert.Equal(UpsertOutcome.Created, created);
        Assert.Equal(UpsertOutcome.Unchanged, unchanged);
        Assert.Equal(UpsertOutcome.Updated, renamed);
        Assert.Equal(UpsertOutcome.Updated, updated);
        Assert.Equal(OrganizationKind.Epci, organization!.Kind);
        Assert.Equal(["DG", "DRH"], organization.OrgUnits.Select(u => u.Id));
        Assert.Equal(TenantA, byTid!.Id);
        Assert.Null(oldTid);
        await Assert.ThrowsAsync<InvalidOperationException>(() => organizations.SetEntraTenantIdAsync("22222222-2222-2222-2222-222222222222"));
        Assert.True(await organizations.RemoveOrgUnitAsync("DRH"));
    }

    [Fact]
    public async Task TenantDirectory_RefusesADuplicateTenantOrEntraMapping()
    {
        await using var harness = await NewHarnessAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.CreateTenantAsync(TenantA));
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.CreateTenantAsync("autre", "11111111-1111-1111-1111-111111111111"));
        Assert.Equal([TenantB, TenantA], (await harness.With<ITenantDirectory, IReadOnlyList<TenantInfo>>(null, d => d.ListAsync())).Select(t => t.Id));
    }
}
