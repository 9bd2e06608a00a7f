using AiLiteracy.Ports;
using AiLiteracy.Storage.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Storage;

/// <summary>Registers the AI Literacy store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store: the provider's <see cref="AiLiteracyDbContext"/>, every storage port of
    /// <c>AiLiteracy.Ports</c> (scoped), <see cref="IDatabaseMigrator"/>, a settable <see cref="TenantContext"/> as
    /// <see cref="ITenantContext"/> unless one is registered, <see cref="TimeProvider.System"/> unless one is registered,
    /// and a hosted service that migrates at start-up when <see cref="AiLiteracyStorageOptions.ApplyMigrationsAtStartup"/>
    /// is set. Options are validated when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddAiLiteracyStorage(this IServiceCollection services, Action<AiLiteracyStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AiLiteracyStorageOptions>().Configure(configure).ValidateOnStart();
        return AddCore(services);
    }

    /// <summary>Registers the store with options bound from <paramref name="configuration"/> (usually the <c>AiLiteracy:Storage</c> section).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section holding <c>Provider</c>, <c>ConnectionString</c>, <c>ApplyMigrationsAtStartup</c>….</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddAiLiteracyStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AiLiteracyStorageOptions>().Bind(configuration).ValidateOnStart();
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AiLiteracyStorageOptions>, AiLiteracyStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<ITenantContext, TenantContext>();

        // The options are built once (singleton), when the first context is created: not once per request.
        services.AddDbContext<SqliteAiLiteracyDbContext>(
            (sp, builder) =>
            {
                var options = sp.GetRequiredService<IOptions<AiLiteracyStorageOptions>>().Value;
                builder.UseSqlite(options.ConnectionString)
                    .AddInterceptors(new SqlitePragmaInterceptor((int)options.SqliteBusyTimeout.TotalMilliseconds));
            },
            ServiceLifetime.Scoped,
            ServiceLifetime.Singleton);
        services.AddDbContext<PostgresAiLiteracyDbContext>(
            (sp, builder) =>
            {
                var options = sp.GetRequiredService<IOptions<AiLiteracyStorageOptions>>().Value;
                builder.UseNpgsql(options.ConnectionString);
            },
            ServiceLifetime.Scoped,
            ServiceLifetime.Singleton);
        services.TryAddScoped<AiLiteracyDbContext>(sp =>
            sp.GetRequiredService<IOptions<AiLiteracyStorageOptions>>().Value.Provider switch
            {
                StorageProvider.PostgreSql => sp.GetRequiredService<PostgresAiLiteracyDbContext>(),
                _ => sp.GetRequiredService<SqliteAiLiteracyDbContext>(),
            });

        services.TryAddScoped<IDatabaseMigrator, DatabaseMigrator>();
        services.TryAddSingleton<SqliteWriteGate>();
        services.TryAddScoped<IUnitOfWork, UnitOfWork>();
        services.TryAddScoped<ITenantDirectory, TenantDirectory>();
        services.TryAddScoped<IOrganizationRepository, OrganizationRepository>();
        services.TryAddScoped<IAgentRepository, AgentRepository>();
        services.TryAddScoped<IAgentRecordsReader, AgentRecordsReader>();
        services.TryAddScoped<ICompletionRepository, CompletionRepository>();
        services.TryAddScoped<IAcknowledgementRepository, AcknowledgementRepository>();
        services.TryAddScoped<IEvidenceRepository, EvidenceRepository>();
        services.TryAddScoped<IDefinitionRepository, DefinitionRepository>();
        services.TryAddScoped<IOutbox, Outbox>();
        services.TryAddScoped<IOutboxQueue, OutboxQueue>();
        services.TryAddScoped<IWebhookSubscriptionRepository, WebhookSubscriptionRepository>();
        services.TryAddScoped<IAuditLog, AuditLog>();
        services.TryAddScoped<ICheckpointStore, CheckpointStore>();
        services.TryAddScoped<IApiKeyStore, ApiKeyStore>();
        services.TryAddScoped<IPersonalDataStore, PersonalDataStore>();
        services.TryAddScoped<IJobLeaseStore, JobLeaseStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MigrateAtStartupService>());
        return services;
    }
}
