using AiLiteracy.Engines;
using AiLiteracy.Entra.Configuration;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Groups;
using AiLiteracy.Import;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Services;
using AiLiteracy.Storage;
using Microsoft.Extensions.Options;

namespace HrSyncWorker;

/// <summary>One run: import the HR export, then (when rules are configured) bring the Entra ID groups in line.</summary>
public sealed partial class SyncCycle(
    IServiceScopeFactory scopes, IOptions<HrSyncWorkerOptions> options, ILogger<SyncCycle> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<TenantContext>().TenantId = settings.TenantId;
        await EnsureTenantAsync(services, settings, cancellationToken);

        var report = await services.GetRequiredService<HrCsvImporter>().ImportAgentsAsync(cancellationToken: cancellationToken);
        LogImport(logger, report.File, report.Rows, report.Created, report.Updated, report.Deactivated, report.RejectedCount, report.Applied);
        foreach (var rejected in report.Rejected.Take(20))
        {
            LogRejected(logger, rejected.ToString());
        }

        if (report.SafetyStop is { } stop)
        {
            LogSafetyStop(logger, stop.Message.Fr);
            return;
        }

        if (settings.EntraRulesFile is not { Length: > 0 } rulesFile)
        {
            return;
        }

        var definitions = await services.GetRequiredService<TenantDefinitionService>().GetCurrentAsync(cancellationToken);
        var configuration = await GroupSyncConfigurationLoader.LoadFileAsync(rulesFile, definitions.Set, cancellationToken);
        var data = await LoadDataAsync(services, cancellationToken);
        var result = await services.GetRequiredService<IGroupSyncService>().RunAsync(new GroupSyncRequest
        {
            Rules = configuration.Rules,
            Data = data,
            Definitions = definitions.Set,
            TriggeredBy = "hr-sync-worker",
        }, cancellationToken);
        LogGroupSync(logger, result.Status.ToString(), result.Changes.Count);
    }

    private static async Task EnsureTenantAsync(IServiceProvider services, HrSyncWorkerOptions settings, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(cancellationToken);
        var directory = services.GetRequiredService<ITenantDirectory>();
        if (await directory.GetAsync(settings.TenantId, cancellationToken) is null)
        {
            await directory.CreateAsync(new Organization { Id = settings.TenantId, Name = settings.OrganizationName, Kind = OrganizationKind.Commune }, cancellationToken: cancellationToken);
        }
    }

    private static async Task<GroupSyncData> LoadDataAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var organization = await services.GetRequiredService<IOrganizationRepository>().GetAsync(cancellationToken)
            ?? throw new InvalidOperationException("The tenant's organisation is missing.");
        var agents = new List<Agent>();
        await foreach (var agent in services.GetRequiredService<IAgentRepository>().StreamAsync(new AgentFilter(), cancellationToken))
        {
            agents.Add(agent);
        }

        var completions = new List<Completion>();
        await foreach (var record in services.GetRequiredService<ICompletionRepository>().StreamAllAsync(cancellationToken))
        {
            completions.Add(record.Completion);
        }

        var acknowledgements = new List<Acknowledgement>();
        await foreach (var acknowledgement in services.GetRequiredService<IAcknowledgementRepository>().StreamAllAsync(cancellationToken))
        {
            acknowledgements.Add(acknowledgement);
        }

        return new GroupSyncData { Organization = organization, Agents = agents, Completions = completions, Acknowledgements = acknowledgements };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HR import {File}: {Rows} rows, {Created} created, {Updated} updated, {Deactivated} deactivated, {Rejected} rejected, applied: {Applied}")]
    private static partial void LogImport(ILogger logger, string file, int rows, int created, int updated, int deactivated, int rejected, bool applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected row: {Row}")]
    private static partial void LogRejected(ILogger logger, string row);

    [LoggerMessage(Level = LogLevel.Error, Message = "HR import stopped, nothing applied: {Reason}")]
    private static partial void LogSafetyStop(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Entra group sync: {Status}, {Changes} changes")]
    private static partial void LogGroupSync(ILogger logger, string status, int changes);
}
