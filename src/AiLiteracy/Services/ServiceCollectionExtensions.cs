using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiLiteracy.Services;

/// <summary>Registers the use-case services the server and the CLI share.</summary>
public static class AiLiteracyServicesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the use-case services (scoped, over the storage ports): definitions, agents, completions, status,
    /// charter, reports, imports, webhooks and personal data. Storage ports are registered by the storage package.
    /// <see cref="AiLiteracyServiceCollectionExtensions.AddAiLiteracy"/> calls this method: hosts call
    /// <c>AddAiLiteracy()</c>. The services are built by factories, so a container without storage (a host that only
    /// validates definitions, say) still passes <c>ValidateOnBuild</c>: a service needing a storage port fails only
    /// when it is resolved.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddAiLiteracyServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AiLiteracyOptions>();
        services.TryAddSingleton<DefinitionCatalog>();
        services.TryAddSingleton<NotificationUrlPolicy>();
        var first = services.Count;
        services.TryAddScoped<TenantDefinitionService>();
        services.TryAddScoped<AgentStatusService>();
        services.TryAddScoped<EventPublisher>();
        services.TryAddScoped<AgentService>();
        services.TryAddScoped<CompletionService>();
        services.TryAddScoped<CharterService>();
        services.TryAddScoped<WebhookSubscriptionService>();
        services.TryAddScoped<PersonalDataService>();
        ServiceRegistration.BuildLazily(services, first);
        return services;
    }
}

/// <summary>Helpers for registering use cases whose dependencies another package provides.</summary>
internal static class ServiceRegistration
{
    /// <summary>
    /// Replaces the scoped type registrations of this assembly added from index <paramref name="first"/> on by
    /// factories that build the same type with the same constructor (a compiled <see cref="ObjectFactory"/>, as fast as
    /// the container's own activation). The container does not check a factory's dependencies when it is built
    /// (<c>ValidateOnBuild</c>), so use cases over the storage ports can be registered in a host without storage and
    /// fail only when resolved there.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="first">The index of the first descriptor to consider.</param>
    public static void BuildLazily(IServiceCollection services, int first)
    {
        var assembly = typeof(ServiceRegistration).Assembly;
        for (var i = first; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.IsKeyedService
                || descriptor.Lifetime != ServiceLifetime.Scoped
                || descriptor.ImplementationType is not { } type
                || type.Assembly != assembly
                || type.IsGenericTypeDefinition)
            {
                continue;
            }

            var factory = ActivatorUtilities.CreateFactory(type, Type.EmptyTypes);
            services[i] = ServiceDescriptor.Describe(descriptor.ServiceType, sp => factory(sp, null), descriptor.Lifetime);
        }
    }
}
