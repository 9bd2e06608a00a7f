using AiLiteracy.Ports;
using Npgsql;

namespace AiLiteracy.Storage.Tests.Infrastructure;

/// <summary>PostgreSQL test databases on a <see cref="PostgresServerFixture"/>: one database per test, copied from a template migrated once.</summary>
public sealed class PostgresDatabaseFactory : ITestDatabaseFactory, IAsyncLifetime
{
    private readonly PostgresServerFixture _server = new();
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private string? _templateName;
    private string? _templateConnectionString;

    /// <inheritdoc />
    public StorageProvider Provider => StorageProvider.PostgreSql;

    /// <summary>The server.</summary>
    public PostgresServerFixture Server => _server;

    /// <inheritdoc />
    public Task InitializeAsync() => _server.InitializeAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        try
        {
            if (_templateConnectionString is not null && !_server.IsOwnServer)
            {
                await _server.DropDatabaseAsync(_templateConnectionString);
            }
        }
        finally
        {
            _templateLock.Dispose();
            await _server.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async Task<TestDatabase> CreateEmptyAsync() => Wrap(await _server.CreateDatabaseAsync());

    /// <inheritdoc />
    public async Task<TestDatabase> CreateMigratedAsync()
    {
        var template = await TemplateAsync();
        return Wrap(await _server.CreateDatabaseAsync(template: template));
    }

    private TestDatabase Wrap(string connectionString) =>
        new(Provider, connectionString, async () => await _server.DropDatabaseAsync(connectionString));

    private async Task<string> TemplateAsync()
    {
        await _templateLock.WaitAsync();
        try
        {
            if (_templateName is null)
            {
                var connectionString = await _server.CreateDatabaseAsync("ailiteracy_template");
                var database = new TestDatabase(Provider, connectionString, () => ValueTask.CompletedTask);
                await using (var harness = StorageHarness.Create(database))
                {
                    await harness.With<IDatabaseMigrator>(null, m => m.MigrateAsync());
                }

                // CREATE DATABASE … TEMPLATE needs the template without connections.
                using (var connection = new NpgsqlConnection(connectionString))
                {
                    NpgsqlConnection.ClearPool(connection);
                }

                _templateConnectionString = connectionString;
                _templateName = new NpgsqlConnectionStringBuilder(connectionString).Database;
            }

            return _templateName!;
        }
        finally
        {
            _templateLock.Release();
        }
    }
}
