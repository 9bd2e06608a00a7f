using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiLiteracy.Services;

/// <summary>Registers the use-case services the server and the CLI share.</summary>
public static class AiLiteracyServicesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the use-case services (scoped, over the storage ports): definitions, agents, completions, status,
    /// charter, reports, imports, webhooks and personal data. Storage ports are registered by the storage package.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddAiLiteracyServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AiLiteracyOptions>();
        services.TryAddSingleton<DefinitionCatalog>();
        services.TryAddScoped<TenantDefinitionService>();
        services.TryAddScoped<AgentStatusService>();
        services.TryAddScoped<EventPublisher>();
        services.TryAddScoped<AgentService>();
        services.TryAddScoped<CompletionService>();
        services.TryAddScoped<CharterService>();
        services.TryAddSingleton<NotificationUrlPolicy>();
        services.TryAddScoped<WebhookSubscriptionService>();
        services.TryAddScoped<ReportService>();
        services.TryAddScoped<AgentImportService>();
        services.TryAddScoped<PersonalDataService>();
        return services;
    }
}
