namespace AiLiteracy.Storage.Tests.Infrastructure;

/// <summary>A database made for one test; dropped when disposed.</summary>
public sealed class TestDatabase(StorageProvider provider, string connectionString, Func<ValueTask> drop) : IAsyncDisposable
{
    /// <summary>The provider.</summary>
    public StorageProvider Provider { get; } = provider;

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => drop();
}

/// <summary>Makes test databases for one provider.</summary>
public interface ITestDatabaseFactory
{
    /// <summary>The provider.</summary>
    StorageProvider Provider { get; }

    /// <summary>Creates an empty database (no schema).</summary>
    Task<TestDatabase> CreateEmptyAsync();

    /// <summary>Creates a database with every migration applied.</summary>
    Task<TestDatabase> CreateMigratedAsync();
}
