using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiLiteracy.Storage;

/// <summary>The database engines the store runs on.</summary>
public enum StorageProvider
{
    /// <summary>An SQLite file: the embedded default, for one authority on one machine (configuration value <c>sqlite</c>).</summary>
    Sqlite,
    /// <summary>A PostgreSQL server: production, many authorities, several server instances (configuration value <c>postgresql</c>).</summary>
    PostgreSql,
}

/// <summary>Options of the AI Literacy store.</summary>
public sealed class AiLiteracyStorageOptions
{
    /// <summary>The configuration section these options are usually bound from: <c>AiLiteracy:Storage</c>.</summary>
    public const string SectionName = "AiLiteracy:Storage";

    /// <summary>The database engine. Default: <see cref="StorageProvider.Sqlite"/>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string: for SQLite e.g. <c>Data Source=/var/lib/ailiteracy/ailiteracy.db</c>, for
    /// PostgreSQL e.g. <c>Host=db;Database=ailiteracy;Username=ailiteracy;Password=…</c>. Required.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Whether the host applies pending migrations when it starts. Default: <see langword="false"/> (run <c>ailiteracy db migrate</c>).</summary>
    public bool ApplyMigrationsAtStartup { get; set; }

    /// <summary>How long an SQLite connection waits for the write lock before failing. Default: 30 seconds.</summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many delivery attempts an outbox event gets before it is dead-lettered. Default: 10.</summary>
    [Range(1, 1000)]
    public int OutboxMaxAttempts { get; set; } = 10;

    /// <summary>Delay before the second attempt of a failed outbox event; it doubles at each further failure. Default: 30 seconds.</summary>
    public TimeSpan OutboxRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between two attempts. Default: 6 hours.</summary>
    public TimeSpan OutboxRetryMaxDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1 after <paramref name="attempts"/> failed attempts.</summary>
    /// <param name="attempts">Attempts made so far (at least 1).</param>
    /// <returns>The delay.</returns>
    public TimeSpan RetryDelay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ticks = OutboxRetryBaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= OutboxRetryMaxDelay.Ticks ? OutboxRetryMaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>Validates <see cref="AiLiteracyStorageOptions"/> at start-up, naming the faulty setting.</summary>
internal sealed class AiLiteracyStorageOptionsValidator : IValidateOptions<AiLiteracyStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, AiLiteracyStorageOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"AiLiteracy:Storage:Provider must be 'sqlite' or 'postgresql' (got '{options.Provider}').");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("AiLiteracy:Storage:ConnectionString is required.");
        }
        else
        {
            try
            {
                if (options.Provider == StorageProvider.Sqlite)
                {
                    var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
                    if (string.IsNullOrWhiteSpace(builder.DataSource))
                    {
                        failures.Add("AiLiteracy:Storage:ConnectionString must name an SQLite file (Data Source=…).");
                    }
                }
                else
                {
                    var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                    if (string.IsNullOrWhiteSpace(builder.Host))
                    {
                        failures.Add("AiLiteracy:Storage:ConnectionString must name a PostgreSQL host (Host=…).");
                    }
                }
            }
            catch (ArgumentException ex)
            {
                // The message of a connection string parser never contains the password itself.
                failures.Add($"AiLiteracy:Storage:ConnectionString is not a valid {options.Provider} connection string: {ex.Message}");
            }
        }

        if (options.SqliteBusyTimeout <= TimeSpan.Zero || options.SqliteBusyTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("AiLiteracy:Storage:SqliteBusyTimeout must be between 0 and 10 minutes.");
        }

        if (options.OutboxMaxAttempts < 1)
        {
            failures.Add("AiLiteracy:Storage:OutboxMaxAttempts must be at least 1.");
        }

        if (options.OutboxRetryBaseDelay <= TimeSpan.Zero || options.OutboxRetryMaxDelay < options.OutboxRetryBaseDelay)
        {
            failures.Add("AiLiteracy:Storage:OutboxRetryBaseDelay must be positive and not above OutboxRetryMaxDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
