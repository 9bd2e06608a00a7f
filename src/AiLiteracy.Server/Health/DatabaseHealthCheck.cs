using AiLiteracy.Ports;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiLiteracy.Server.Health;

/// <summary>Readiness: the database answers and its schema is up to date.</summary>
internal sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly IServiceScopeFactory scopes;

    public DatabaseHealthCheck(IServiceScopeFactory scopes) => this.scopes = scopes;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<IDatabaseMigrator>();
            var pending = await migrator.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable, schema up to date.")
                : HealthCheckResult.Unhealthy($"Database reachable but {pending.Count} migration(s) pending.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable: " + ex.GetType().Name + ".");
        }
    }
}
