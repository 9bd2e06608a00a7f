using AiLiteracy.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Storage;

/// <summary>Applies the EF Core migrations of the configured provider.</summary>
internal sealed class DatabaseMigrator(
    AiLiteracyDbContext db,
    IOptions<AiLiteracyStorageOptions> options,
    ILogger<DatabaseMigrator> logger) : IDatabaseMigrator
{
    public async Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken = default)
    {
        var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
        return pending.ToList();
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.Provider == StorageProvider.Sqlite)
        {
            EnsureSqliteDirectory(options.Value.ConnectionString);
        }

        var pending = await GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var provider = options.Value.Provider.ToString();
        if (pending.Count == 0)
        {
            StorageLog.NoPendingMigrations(logger, provider);
        }
        else
        {
            StorageLog.MigrationsApplied(logger, pending.Count, provider, string.Join(", ", pending));
        }

        return pending;
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}

/// <summary>Applies pending migrations when the host starts, if <see cref="AiLiteracyStorageOptions.ApplyMigrationsAtStartup"/> is set.</summary>
internal sealed class MigrateAtStartupService(IServiceScopeFactory scopes, IOptions<AiLiteracyStorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ApplyMigrationsAtStartup)
        {
            return;
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await scope.ServiceProvider.GetRequiredService<IDatabaseMigrator>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
