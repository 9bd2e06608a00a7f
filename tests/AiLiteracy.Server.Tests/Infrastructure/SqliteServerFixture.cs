namespace AiLiteracy.Server.Tests.Infrastructure;

/// <summary>One server on a fresh SQLite file, shared by the tests of a class; each test makes its own tenants.</summary>
public sealed class SqliteServerFixture : IAsyncLifetime
{
    public ServerInstance Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServerInstance.StartAsync(SqliteFiles.NewDatabase());

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
