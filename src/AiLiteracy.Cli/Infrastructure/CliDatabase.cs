using AiLiteracy.Ports;
using AiLiteracy.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Cli.Infrastructure;

/// <summary>The database chosen on the command line; the storage options are bound to it when first read.</summary>
internal sealed class CliDatabaseSelection
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public string ConnectionString { get; set; } = "";

    /// <summary>The SQLite file, when the provider is SQLite.</summary>
    public string? SqliteFile { get; set; }
}

/// <summary>Settings of this run that options are bound to when first read (e.g. <c>plan --group-size</c>).</summary>
internal sealed class CliRunSettings
{
    public int? GroupSize { get; set; }
}

/// <summary>A service scope acting for one tenant of the chosen database.</summary>
internal sealed class CliSession(AsyncServiceScope scope, string? tenantId) : IAsyncDisposable
{
    public IServiceProvider Services => scope.ServiceProvider;

    public string? TenantId { get; } = tenantId;

    public T Get<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

/// <summary>Opens the database named by <c>--db</c> / <c>--connection</c> and resolves the tenant of <c>--tenant</c>.</summary>
internal sealed class CliDatabase(IServiceScopeFactory scopes, CliDatabaseSelection selection)
{
    /// <summary>Registers the storage, bound to the command line's choice.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<CliDatabaseSelection>();
        services.AddSingleton<CliDatabase>();
        services.AddSingleton<CliRunSettings>();
        services.AddOptions<AiLiteracyOptions>().Configure<CliRunSettings>((options, run) =>
        {
            if (run.GroupSize is { } size)
            {
                options.GroupSize = size;
            }
        });
        services.AddAiLiteracyStorage(_ => { });
        services.AddOptions<AiLiteracyStorageOptions>().Configure<CliDatabaseSelection>((options, chosen) =>
        {
            options.Provider = chosen.Provider;
            options.ConnectionString = chosen.ConnectionString;
        });
    }

    /// <summary>Opens a session on the chosen database.</summary>
    /// <param name="settings">The command's database options.</param>
    /// <param name="requireTenant">Whether the command acts for a tenant (resolved from <c>--tenant</c> or the only tenant).</param>
    /// <param name="requireSchema">Whether the schema must be up to date (every command but <c>db migrate</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The session.</returns>
    /// <exception cref="CliUsageException">No database, schema out of date, unknown or ambiguous tenant.</exception>
    public async Task<CliSession> OpenAsync(DatabaseSettings settings, bool requireTenant = true, bool requireSchema = true, CancellationToken cancellationToken = default)
    {
        Select(settings, mustExist: requireSchema);
        var scope = scopes.CreateAsyncScope();
        try
        {
            if (requireSchema)
            {
                IReadOnlyList<string> pending;
                try
                {
                    pending = await scope.ServiceProvider.GetRequiredService<IDatabaseMigrator>().GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OptionsValidationException ex)
                {
                    throw new CliUsageException($"Base de données mal configurée : {ex.Message}", $"Database misconfigured: {ex.Message}");
                }

                if (pending.Count > 0)
                {
                    throw new CliUsageException(
                        $"La base n'est pas à jour ({pending.Count} migration(s) en attente) : lancez « ailiteracy db migrate ».",
                        $"The database is not up to date ({pending.Count} pending migration(s)): run 'ailiteracy db migrate'.");
                }
            }

            string? tenantId = null;
            if (requireTenant)
            {
                tenantId = await ResolveTenantAsync(scope.ServiceProvider, settings, cancellationToken).ConfigureAwait(false);
                var context = scope.ServiceProvider.GetRequiredService<ITenantContext>() as TenantContext
                    ?? throw new InvalidOperationException("The CLI needs the settable TenantContext of the storage package.");
                context.TenantId = tenantId;
            }

            return new CliSession(scope, tenantId);
        }
        catch
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The tenant given by <c>--tenant</c> or <c>$AILITERACY_TENANT</c>, without checking the database.</summary>
    public static string? RequestedTenant(DatabaseSettings settings) =>
        settings.Tenant ?? NonEmpty(Environment.GetEnvironmentVariable(DatabaseSettings.TenantVariable));

    private void Select(DatabaseSettings settings, bool mustExist)
    {
        var connection = settings.Connection ?? (settings.Db is null ? NonEmpty(Environment.GetEnvironmentVariable(DatabaseSettings.ConnectionVariable)) : null);
        if (connection is not null)
        {
            selection.Provider = StorageProvider.PostgreSql;
            selection.ConnectionString = connection;
            selection.SqliteFile = null;
            return;
        }

        var file = Path.GetFullPath(settings.Db ?? NonEmpty(Environment.GetEnvironmentVariable(DatabaseSettings.DbVariable)) ?? "ailiteracy.db");
        if (mustExist && !File.Exists(file))
        {
            throw new CliUsageException(
                $"Base SQLite introuvable : {file}. Créez-la avec « ailiteracy db migrate --db {settings.Db ?? "ailiteracy.db"} ».",
                $"SQLite database not found: {file}. Create it with 'ailiteracy db migrate --db {settings.Db ?? "ailiteracy.db"}'.");
        }

        selection.Provider = StorageProvider.Sqlite;
        selection.SqliteFile = file;
        selection.ConnectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
    }

    private static async Task<string> ResolveTenantAsync(IServiceProvider services, DatabaseSettings settings, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<ITenantDirectory>();
        var requested = RequestedTenant(settings);
        if (requested is not null)
        {
            if (await directory.GetAsync(requested, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new CliUsageException(
                    $"Collectivité « {requested} » inconnue de la base : créez-la avec « ailiteracy db migrate --tenant {requested} ».",
                    $"Tenant '{requested}' is not in the database: create it with 'ailiteracy db migrate --tenant {requested}'.");
            }

            return requested;
        }

        var tenants = await directory.ListAsync(cancellationToken).ConfigureAwait(false);
        return tenants.Count switch
        {
            1 => tenants[0].Id,
            0 => throw new CliUsageException(
                "La base ne contient aucune collectivité : créez-la avec « ailiteracy db migrate --tenant <id> ».",
                "The database holds no tenant: create one with 'ailiteracy db migrate --tenant <id>'."),
            _ => throw new CliUsageException(
                $"Plusieurs collectivités dans la base ({string.Join(", ", tenants.Select(t => t.Id))}) : précisez --tenant.",
                $"Several tenants in the database ({string.Join(", ", tenants.Select(t => t.Id))}): give --tenant."),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
