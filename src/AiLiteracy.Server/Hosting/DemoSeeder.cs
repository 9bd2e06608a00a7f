using System.Diagnostics;
using AiLiteracy.Demo;
using AiLiteracy.Ports;
using AiLiteracy.Schemas;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Services;

namespace AiLiteracy.Server.Hosting;

/// <summary>
/// Seeds a fresh database (no tenant yet) with the demo authority: its organisation and org units, the reference
/// definitions, the generated agents (1,200 staff and 40 elected officials by default) with their completions and charter
/// acknowledgements, written 1,000 rows per transaction.
/// </summary>
internal static partial class DemoSeeder
{
    /// <summary>Rows written per transaction.</summary>
    private const int ChunkSize = 1000;

    public static async Task<bool> SeedIfEmptyAsync(IServiceProvider services, string tenantId, int staffCount, ILogger logger, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<ITenantDirectory>();
        if ((await directory.ListAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return false;
        }

        using var activity = ServerTelemetry.ActivitySource.StartActivity("ailiteracy.seed.demo");
        var stopwatch = Stopwatch.StartNew();
        var reference = await ReferenceContent.LoadAsync(cancellationToken).ConfigureAwait(false);
        var demo = new DemoAuthorityGenerator(reference.Curriculum).Generate(new DemoAuthorityOptions
        {
            OrganizationId = tenantId,
            CharterVersion = reference.Charter.Version,
            StaffCount = staffCount,
        });

        await directory.CreateAsync(demo.Organization, null, cancellationToken).ConfigureAwait(false);
        services.GetRequiredService<RequestTenantContext>().Set(tenantId);
        await SaveReferenceDefinitionsAsync(services, cancellationToken).ConfigureAwait(false);

        var unitOfWork = services.GetRequiredService<IUnitOfWork>();
        var agents = services.GetRequiredService<IAgentRepository>();
        var completions = services.GetRequiredService<ICompletionRepository>();
        var acknowledgements = services.GetRequiredService<IAcknowledgementRepository>();
        foreach (var chunk in demo.Agents.Chunk(ChunkSize))
        {
            await unitOfWork.ExecuteAsync(ct => agents.UpsertManyAsync(chunk, ct), cancellationToken).ConfigureAwait(false);
        }

        foreach (var chunk in demo.Completions.Chunk(ChunkSize))
        {
            await unitOfWork.ExecuteAsync(async ct =>
            {
                foreach (var completion in chunk)
                {
                    await completions.RecordCompletionAsync(completion, ct).ConfigureAwait(false);
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var chunk in demo.Acknowledgements.Chunk(ChunkSize))
        {
            await unitOfWork.ExecuteAsync(async ct =>
            {
                foreach (var acknowledgement in chunk)
                {
                    await acknowledgements.RecordAsync(acknowledgement, ct).ConfigureAwait(false);
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);
        }

        LogSeeded(logger, tenantId, demo.Agents.Count, demo.Completions.Count, demo.Acknowledgements.Count, stopwatch.ElapsedMilliseconds);
        return true;
    }

    /// <summary>Saves the embedded reference definitions as the current tenant's first versions.</summary>
    public static async Task SaveReferenceDefinitionsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var repository = services.GetRequiredService<IDefinitionRepository>();
        foreach (var kind in Enum.GetValues<Ports.DefinitionKind>())
        {
            if (await DefinitionCatalog.GetReferenceDocumentAsync(kind).ConfigureAwait(false) is { } json)
            {
                await repository.SaveAsync(kind, json, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Seeded demo tenant {TenantId}: {Agents} agents, {Completions} completions, {Acknowledgements} acknowledgements in {ElapsedMs} ms")]
    private static partial void LogSeeded(ILogger logger, string tenantId, int agents, int completions, int acknowledgements, long elapsedMs);
}
