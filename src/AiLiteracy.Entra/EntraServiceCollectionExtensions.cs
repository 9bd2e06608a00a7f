using AiLiteracy.Entra.Authentication;
using AiLiteracy.Entra.Graph;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Identity.Client;

namespace AiLiteracy.Entra;

/// <summary>Registers the Entra ID group sync.</summary>
public static class EntraServiceCollectionExtensions
{
    /// <summary>
    /// The service key of an optional <see cref="HttpMessageHandler"/> used as the innermost Graph handler (a proxy,
    /// or a test server's handler), and of an optional <see cref="IMsalHttpClientFactory"/> through which MSAL reaches
    /// Entra ID and the managed identity endpoint (an outbound proxy).
    /// </summary>
    public const string HttpHandlerKey = "AiLiteracy.Entra";

    /// <summary>
    /// Registers the Entra ID group sync (<see cref="IGroupSyncService"/>) with its options, validated at start-up.
    /// </summary>
    /// <param name="builder">The AI Literacy builder.</param>
    /// <param name="configureConnection">Configures the connection (credential, tenant, sovereign cloud URLs).</param>
    /// <param name="configureSync">Tunes the sync (batch sizes, delta, state and audit files).</param>
    /// <returns>The builder.</returns>
    public static AiLiteracyBuilder AddEntraGroupSync(
        this AiLiteracyBuilder builder, Action<EntraOptions> configureConnection, Action<EntraGroupSyncOptions>? configureSync = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddEntraGroupSync(configureConnection, configureSync);
        return builder;
    }

    /// <summary>
    /// Registers the Entra ID group sync (<see cref="IGroupSyncService"/>) with its options, validated at start-up.
    /// The audit sink is a JSON Lines file when <see cref="EntraGroupSyncOptions.AuditFilePath"/> is set, else the
    /// registered <see cref="IAuditLog"/>; the state store is a file when <see cref="EntraGroupSyncOptions.StatePath"/>
    /// is set, else memory. Register your own <see cref="IGroupSyncAuditSink"/> or <see cref="IGroupSyncStateStore"/>
    /// before calling this to replace them.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureConnection">Configures the connection.</param>
    /// <param name="configureSync">Tunes the sync.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddEntraGroupSync(
        this IServiceCollection services, Action<EntraOptions> configureConnection, Action<EntraGroupSyncOptions>? configureSync = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureConnection);
        services.AddOptions<EntraOptions>().Configure(configureConnection).ValidateDataAnnotations().ValidateOnStart();
        var sync = services.AddOptions<EntraGroupSyncOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configureSync is not null)
        {
            sync.Configure(configureSync);
        }

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GraphRequestCounter>();
        services.TryAddSingleton(sp => new EntraAccessTokenProvider(
            sp.GetRequiredService<IOptions<EntraOptions>>().Value, sp.GetKeyedService<IMsalHttpClientFactory>(HttpHandlerKey)));
        services.TryAddKeyedSingleton<GraphServiceClient>(HttpHandlerKey, (sp, _) => EntraGraphClientFactory.Create(
            sp.GetRequiredService<IOptions<EntraOptions>>().Value,
            sp.GetRequiredService<EntraAccessTokenProvider>(),
            sp.GetRequiredService<IOptions<EntraGroupSyncOptions>>().Value,
            sp.GetRequiredService<GraphRequestCounter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("AiLiteracy.Entra.Graph"),
            sp.GetKeyedService<HttpMessageHandler>(HttpHandlerKey)));
        services.TryAddSingleton<IGroupSyncStateStore>(sp =>
            sp.GetRequiredService<IOptions<EntraGroupSyncOptions>>().Value.StatePath is { } path
                ? new FileGroupSyncStateStore(path)
                : new InMemoryGroupSyncStateStore());
        services.TryAddScoped<IGroupSyncAuditSink>(sp =>
        {
            if (sp.GetRequiredService<IOptions<EntraGroupSyncOptions>>().Value.AuditFilePath is { } path)
            {
                return new JsonLinesGroupSyncAuditSink(path);
            }

            return sp.GetService<IAuditLog>() is { } auditLog
                ? new AuditLogGroupSyncAuditSink(auditLog)
                : throw new InvalidOperationException(
                    "La synchronisation Entra doit écrire son journal d'audit : renseignez AuditFilePath ou enregistrez IAuditLog (stockage). / "
                    + "The Entra sync must write its audit log: set AuditFilePath or register IAuditLog (storage).");
        });
        services.TryAddScoped<IGroupSyncService>(sp => new GroupSyncService(
            sp.GetRequiredKeyedService<GraphServiceClient>(HttpHandlerKey),
            sp.GetRequiredService<GraphRequestCounter>(),
            sp.GetRequiredService<IOptions<EntraGroupSyncOptions>>().Value,
            sp.GetRequiredService<IGroupSyncStateStore>(),
            sp.GetRequiredService<IGroupSyncAuditSink>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GroupSyncService>>()));
        return services;
    }
}
