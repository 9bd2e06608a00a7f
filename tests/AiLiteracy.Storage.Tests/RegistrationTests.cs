using AiLiteracy.Ports;
using AiLiteracy.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Storage.Tests;

public abstract partial class StorageSuite
{
    [Fact]
    public async Task HostedService_AppliesMigrationsAtStartup_WhenConfigured()
    {
        await using var harness = StorageHarness.Create(await Databases.CreateEmptyAsync(), o => o.ApplyMigrationsAtStartup = true);

        foreach (var service in harness.Services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        Assert.Empty(await harness.With<IDatabaseMigrator, IReadOnlyList<string>>(null, m => m.GetPendingMigrationsAsync()));
    }

    [Fact]
    public async Task HostedService_LeavesTheSchemaAlone_WhenMigrationsAtStartupAreOff()
    {
        await using var harness = StorageHarness.Create(await Databases.CreateEmptyAsync());

        foreach (var service in harness.Services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        Assert.NotEmpty(await harness.With<IDatabaseMigrator, IReadOnlyList<string>>(null, m => m.GetPendingMigrationsAsync()));
    }
}

public sealed class StorageOptionsTests
{
    [Fact]
    public void Options_FailValidation_WhenTheConnectionStringIsMissing()
    {
        using var services = Build(o => o.ConnectionString = "");

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AiLiteracyStorageOptions>>().Value);

        Assert.Contains("ConnectionString is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_FailValidation_WhenAPostgreSqlConnectionStringHasNoHost()
    {
        using var services = Build(o =>
        {
            o.Provider = StorageProvider.PostgreSql;
            o.ConnectionString = "Database=ailiteracy;Username=app";
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AiLiteracyStorageOptions>>().Value);

        Assert.Contains("Host=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_FailValidation_WhenTheOutboxSettingsAreInconsistent()
    {
        using var services = Build(o =>
        {
            o.ConnectionString = "Data Source=x.db";
            o.OutboxMaxAttempts = 0;
            o.OutboxRetryBaseDelay = TimeSpan.FromHours(2);
            o.OutboxRetryMaxDelay = TimeSpan.FromHours(1);
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AiLiteracyStorageOptions>>().Value);

        Assert.Contains("OutboxMaxAttempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("OutboxRetryBaseDelay", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_ResolvesTheProvidersContext_AsTheSharedContextType()
    {
        using var sqlite = Build(o => o.ConnectionString = "Data Source=ailiteracy.db");
        using var postgres = Build(o =>
        {
            o.Provider = StorageProvider.PostgreSql;
            o.ConnectionString = "Host=127.0.0.1;Database=ailiteracy";
        });
        using var sqliteScope = sqlite.CreateScope();
        using var postgresScope = postgres.CreateScope();

        Assert.IsType<SqliteAiLiteracyDbContext>(sqliteScope.ServiceProvider.GetRequiredService<AiLiteracyDbContext>());
        Assert.IsType<PostgresAiLiteracyDbContext>(postgresScope.ServiceProvider.GetRequiredService<AiLiteracyDbContext>());
        Assert.NotNull(sqliteScope.ServiceProvider.GetRequiredService<IOutboxQueue>());
    }

    private static ServiceProvider Build(Action<AiLiteracyStorageOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.AddAiLiteracyStorage(configure);
        return services.BuildServiceProvider();
    }
}
