using AiLiteracy.Ports;
using AiLiteracy.Storage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AiLiteracy.Storage.Tests;

/// <summary>Behaviour specific to the SQLite provider.</summary>
public sealed class SqliteProviderTests(SqliteDatabaseFactory databases) : IClassFixture<SqliteDatabaseFactory>
{
    [Fact]
    public async Task Connections_RunInWalModeWithABusyTimeout()
    {
        await using var harness = StorageHarness.Create(await databases.CreateMigratedAsync(), o => o.SqliteBusyTimeout = TimeSpan.FromSeconds(12));
        await using var scope = harness.Scope(null);

        var journalMode = await scope.Db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
        var busyTimeout = await scope.Db.Database.SqlQueryRaw<int>("PRAGMA busy_timeout").ToListAsync();

        Assert.Equal("wal", Assert.Single(journalMode));
        Assert.Equal(12000, Assert.Single(busyTimeout));
    }

    [Fact]
    public async Task Migrate_CreatesTheFolderOfTheDatabaseFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ailiteracy-sqlite-folder-" + Guid.NewGuid().ToString("N"), "data");
        var database = new TestDatabase(StorageProvider.Sqlite, $"Data Source={Path.Combine(folder, "ailiteracy.db")}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
            return ValueTask.CompletedTask;
        });
        await using var harness = StorageHarness.Create(database);

        var applied = await harness.With<IDatabaseMigrator, IReadOnlyList<string>>(null, m => m.MigrateAsync());

        Assert.NotEmpty(applied);
        Assert.True(File.Exists(Path.Combine(folder, "ailiteracy.db")));
    }
}
