using AiLiteracy.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiLiteracy.Storage.Tests.Infrastructure;

/// <summary>
/// A fresh database wired through <see cref="StorageServiceCollectionExtensions.AddAiLiteracyStorage(IServiceCollection, Action{AiLiteracyStorageOptions})"/>
/// with a fake clock; each <see cref="Scope"/> is a separate DI scope (and so a separate DbContext) acting as one tenant.
/// </summary>
public sealed class StorageHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestDatabase _database;

    private StorageHarness(TestDatabase database, Action<AiLiteracyStorageOptions>? configure)
    {
        _database = database;
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Time);
        services.AddAiLiteracyStorage(o =>
        {
            o.Provider = database.Provider;
            o.ConnectionString = database.ConnectionString;
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>The fake clock every repository reads.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The provider under test.</summary>
    public StorageProvider Provider => _database.Provider;

    /// <summary>The root services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>Creates a harness over <paramref name="database"/>.</summary>
    public static StorageHarness Create(TestDatabase database, Action<AiLiteracyStorageOptions>? configure = null) => new(database, configure);

    /// <summary>Opens a scope acting as <paramref name="tenantId"/> (or no tenant).</summary>
    public TenantScope Scope(string? tenantId) => new(_services.CreateAsyncScope(), tenantId);

    /// <summary>Runs <paramref name="action"/> with a service of a fresh scope acting as <paramref name="tenantId"/>.</summary>
    public async Task<TResult> With<TService, TResult>(string? tenantId, Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = Scope(tenantId);
        return await action(scope.Get<TService>());
    }

    /// <summary>Runs <paramref name="action"/> with a service of a fresh scope acting as <paramref name="tenantId"/>.</summary>
    public async Task With<TService>(string? tenantId, Func<TService, Task> action)
        where TService : notnull
    {
        await using var scope = Scope(tenantId);
        await action(scope.Get<TService>());
    }

    /// <summary>Creates a tenant through the tenant directory.</summary>
    public Task<TenantInfo> CreateTenantAsync(string tenantId, string? entraTenantId = null) =>
        With<ITenantDirectory, TenantInfo>(null, d => d.CreateAsync(
            new Model.Organization
            {
                Id = tenantId,
                Name = $"Commune de {tenantId}",
                Siren = "213500000",
                Kind = Model.OrganizationKind.Commune,
                OrgUnits = [new Model.OrgUnit { Id = "DG", Name = "Direction générale", Kind = Model.OrgUnitKind.General }],
            },
            entraTenantId));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>A DI scope acting as one tenant.</summary>
public sealed class TenantScope : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    internal TenantScope(AsyncServiceScope scope, string? tenantId)
    {
        _scope = scope;
        ((TenantContext)scope.ServiceProvider.GetRequiredService<ITenantContext>()).TenantId = tenantId;
    }

    /// <summary>Resolves a service of the scope.</summary>
    public T Get<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>The scope's DbContext.</summary>
    public AiLiteracyDbContext Db => Get<AiLiteracyDbContext>();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
