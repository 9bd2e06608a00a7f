using AiLiteracy.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AiLiteracy.Storage.Tests.Infrastructure;

/// <summary>SQLite test databases: one temporary file per test, copied from a file migrated once.</summary>
public sealed class SqliteDatabaseFactory : ITestDatabaseFactory, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ailiteracy-sqlite-tests-" + Guid.NewGuid().ToString("N"));
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private string? _template;

    /// <inheritdoc />
    public StorageProvider Provider => StorageProvider.Sqlite;

    /// <inheritdoc />
    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection of a test running elsewhere; the OS temp cleaner takes it.
        }

        _templateLock.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<TestDatabase> CreateEmptyAsync() => Task.FromResult(NewDatabase(NewPath()));

    /// <inheritdoc />
    public async Task<TestDatabase> CreateMigratedAsync()
    {
        var template = await TemplateAsync();
        var path = NewPath();
        File.Copy(template, path);
        return NewDatabase(path);
    }

    private async Task<string> TemplateAsync()
    {
        await _templateLock.WaitAsync();
        try
        {
            if (_template is null)
            {
                var path = Path.Combine(_directory, "template.db");
                var database = new TestDatabase(Provider, ConnectionString(path), () => ValueTask.CompletedTask);
                await using (var harness = StorageHarness.Create(database))
                {
                    await harness.With<IDatabaseMigrator>(null, m => m.MigrateAsync());
                }

                SqliteConnection.ClearAllPools();
                // Fold the WAL into the main file so a plain copy holds the whole schema.
                await using (var connection = new SqliteConnection(ConnectionString(path) + ";Pooling=False"))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
                    await command.ExecuteNonQueryAsync();
                }

                _template = path;
            }

            return _template;
        }
        finally
        {
            _templateLock.Release();
        }
    }

    private string NewPath() => Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");

    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    private TestDatabase NewDatabase(string path) => new(Provider, ConnectionString(path), () =>
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Deleted with the directory at the end of the run.
            }
        }

        return ValueTask.CompletedTask;
    });
}
