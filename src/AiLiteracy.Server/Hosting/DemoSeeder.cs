using AiLiteracy.Ports;

namespace AiLiteracy.Server.Hosting;

/// <summary>Seeds a fresh database with the reference definitions and the demo authority.</summary>
internal static partial class DemoSeeder
{
    public static async Task SeedIfEmptyAsync(IServiceProvider services, string tenantId, ILogger logger, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<ITenantDirectory>();
        if ((await directory.ListAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return;
        }

        await directory.CreateAsync(new Model.Organization { Id = tenantId, Name = "Collectivité de démonstration" }, null, cancellationToken).ConfigureAwait(false);
        LogSeeded(logger, tenantId);
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Seeded demo tenant {TenantId}")]
    private static partial void LogSeeded(ILogger logger, string tenantId);
}
