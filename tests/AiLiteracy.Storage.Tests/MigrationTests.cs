using AiLiteracy.Ports;
using AiLiteracy.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    [Fact]
    public async Task Migrate_AppliesEveryMigration_OnAnEmptyDatabase()
    {
        await using var harness = StorageHarness.Create(await Databases.CreateEmptyAsync());
        await using var scope = harness.Scope(null);
        var migrator = scope.Get<IDatabaseMigrator>();
        var all = scope.Db.Database.GetMigrations().ToList();

        var pendingBefore = await migrator.GetPendingMigrationsAsync();
        var applied = await migrator.MigrateAsync();
        var pendingAfter = await migrator.GetPendingMigrationsAsync();

        Assert.NotEmpty(all);
        Assert.Equal(all, pendingBefore);
        Assert.Equal(all, applied);
        Assert.Empty(pendingAfter);
        Assert.Equal(all, (await scope.Db.Database.GetAppliedMigrationsAsync()).ToList());
    }

    [Fact]
    public async Task Migrate_AppliesNothing_WhenTheSchemaIsUpToDate()
    {
        await using var harness = StorageHarness.Create(await Databases.CreateMigratedAsync());

        var applied = await harness.With<IDatabaseMigrator, IReadOnlyList<string>>(null, m => m.MigrateAsync());

        Assert.Empty(applied);
    }

    [Fact]
    public async Task Migrate_ProducesASchemaMatchingTheModel_WhenTenantsAreCreatedAfterwards()
    {
        await using var harness = StorageHarness.Create(await Databases.CreateEmptyAsync());
        await harness.With<IDatabaseMigrator>(null, m => m.MigrateAsync());

        var tenant = await harness.CreateTenantAsync("ville-test", "33333333-3333-3333-3333-333333333333");
        var found = await harness.With<ITenantDirectory, TenantInfo?>(null, d => d.FindByEntraTenantIdAsync("33333333-3333-3333-3333-333333333333"));

        Assert.Equal("ville-test", tenant.Id);
        Assert.Equal(tenant, found);
    }
}
