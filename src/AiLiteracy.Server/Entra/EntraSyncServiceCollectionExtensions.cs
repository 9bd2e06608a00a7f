using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiLiteracy.Server.Entra;

/// <summary>Registers the scheduled Entra ID group sync of the server.</summary>
internal static class EntraSyncServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="EntraSyncServerOptions"/> (section <c>AiLiteracy:Server:EntraSync</c>, validated at start-up) and,
    /// only when the sync is enabled, registers the runner and its scheduled worker. Disabled, nothing else is
    /// registered: no Graph client is ever built and no request leaves for Microsoft Graph.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAiLiteracyEntraSync(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EntraSyncServerOptions.SectionName);
        services.AddOptions<EntraSyncServerOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntraSyncServerOptions>, EntraSyncOptionsValidator>());
        if (!section.GetValue<bool>(nameof(EntraSyncServerOptions.Enabled)))
        {
            return services;
        }

        services.TryAddSingleton<EntraSyncRunner>();
        services.AddHostedService<EntraSyncWorker>();
        return services;
    }
}
