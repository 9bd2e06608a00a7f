namespace AiLiteracy.Ports;

/// <summary>Creates or upgrades the database schema (server start-up, <c>ailiteracy db migrate</c>).</summary>
public interface IDatabaseMigrator
{
    /// <summary>Lists the migrations not yet applied.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Migration names, in order.</returns>
    Task<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Applies pending migrations; creates the database when the provider can.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The migrations applied by this call, in order.</returns>
    Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default);
}
