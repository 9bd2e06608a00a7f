using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiLiteracy.Storage;

/// <summary>Chooses the store of <c>services.AddAiLiteracy()</c>: an SQLite file (embedded default) or PostgreSQL.</summary>
public static class StorageAiLiteracyBuilderExtensions
{
    /// <summary>
    /// Stores everything in an SQLite file (created with its folder when missing): one authority on one machine.
    /// Calls <see cref="StorageServiceCollectionExtensions.AddAiLiteracyStorage(IServiceCollection, Action{AiLiteracyStorageOptions})"/>;
    /// options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The AI Literacy builder.</param>
    /// <param name="path">The database file, e.g. <c>data/ailiteracy.db</c>.</param>
    /// <param name="configure">Sets the other options (migrations at start-up, busy timeout, outbox…).</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static AiLiteracyBuilder UseSqlite(this AiLiteracyBuilder builder, string path, Action<AiLiteracyStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        builder.Services.AddAiLiteracyStorage(options =>
        {
            options.Provider = StorageProvider.Sqlite;
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
        return builder;
    }

    /// <summary>
    /// Stores everything in PostgreSQL: production, several server instances, many authorities. Calls
    /// <see cref="StorageServiceCollectionExtensions.AddAiLiteracyStorage(IServiceCollection, Action{AiLiteracyStorageOptions})"/>;
    /// options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The AI Literacy builder.</param>
    /// <param name="connectionString">The Npgsql connection string, e.g. <c>Host=db;Database=ailiteracy;Username=ailiteracy;Password=…</c>.</param>
    /// <param name="configure">Sets the other options.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static AiLiteracyBuilder UsePostgreSql(this AiLiteracyBuilder builder, string connectionString, Action<AiLiteracyStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.AddAiLiteracyStorage(options =>
        {
            options.Provider = StorageProvider.PostgreSql;
            options.ConnectionString = connectionString;
            configure?.Invoke(options);
        });
        return builder;
    }

    /// <summary>
    /// Stores everything where the configuration says (<c>Provider</c>: <c>sqlite</c> or <c>postgresql</c>,
    /// <c>ConnectionString</c>, …), usually the <c>AiLiteracy:Storage</c> section.
    /// </summary>
    /// <param name="builder">The AI Literacy builder.</param>
    /// <param name="configuration">The storage configuration section.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static AiLiteracyBuilder UseStorage(this AiLiteracyBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddAiLiteracyStorage(configuration);
        return builder;
    }
}
