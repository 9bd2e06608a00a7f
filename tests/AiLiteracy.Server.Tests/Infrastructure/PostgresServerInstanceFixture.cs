using AiLiteracy.Storage.Tests.Infrastructure;
using Npgsql;

namespace AiLiteracy.Server.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL server (or the one named by AILITERACY_TEST_POSTGRES) shared by the server tests, with one AI
/// Literacy server on a fresh database; tests that need more instances create more databases.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly PostgresServerFixture server = new();

    public ServerInstance Server { get; private set; } = null!;

    public TestStorage Storage { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await server.InitializeAsync();
        Storage = await NewDatabaseAsync();
        Server = await ServerInstance.StartAsync(Storage);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await server.DisposeAsync();
    }

    /// <summary>Creates an empty database and returns its storage settings.</summary>
    public async Task<TestStorage> NewDatabaseAsync()
    {
        var connectionString = await server.CreateDatabaseAsync("ailiteracy_server_" + Guid.NewGuid().ToString("N")[..12]);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true, MaxPoolSize = 50 };
        return new TestStorage("postgresql", builder.ToString());
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
