using System.Text.Json;
using AiLiteracy.Entra;
using AiLiteracy.Entra.Authentication;
using AiLiteracy.Entra.Configuration;
using AiLiteracy.Entra.Graph;
using AiLiteracy.Entra.Sync;
using AiLiteracy.Groups;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Server.Authentication;
using AiLiteracy.Server.Hosting;
using AiLiteracy.Services;
using Microsoft.Extensions.Options;
using Microsoft.Graph;

namespace AiLiteracy.Server.Entra;

/// <summary>Who asks for a run, and how.</summary>
public sealed record EntraSyncTrigger
{
    /// <summary>The scheduled run: due once per <see cref="EntraSyncServerOptions.Interval"/>, with the configured dry run and force.</summary>
    public static EntraSyncTrigger Schedule { get; } = new() { Scheduled = true, Actor = EntraSyncRunner.ScheduleActor };

    /// <summary>Whether the schedule asks (the run is skipped when the last one completed less than an interval ago).</summary>
    public bool Scheduled { get; init; }

    /// <summary>Who asks, written to the audit log: <c>system:entra-sync</c>, <c>apikey:…</c>, <c>user:…</c>.</summary>
    public required string Actor { get; init; }

    /// <summary>Compute and record the plan only. A run is dry as well when the configuration says so.</summary>
    public bool DryRun { get; init; }

    /// <summary>Apply the plan beyond the removal threshold (ignored for scheduled runs, which follow <see cref="EntraSyncServerOptions.Force"/>).</summary>
    public bool Force { get; init; }
}

/// <summary>What became of a request to run.</summary>
public enum EntraSyncOutcomeKind
{
    /// <summary>The sync ran; see the report.</summary>
    Ran,
    /// <summary>
    /// The run is held by another request or instance, or (scheduled runs) is not due yet; or the run lost its claim to
    /// another instance while it lasted (its renewal failed) and was stopped.
    /// </summary>
    Busy,
    /// <summary>The sync is not enabled for this authority.</summary>
    NotConfigured,
}

/// <summary>What became of a request to run, with the report of the run when it ran.</summary>
/// <param name="Kind">What became of it.</param>
/// <param name="Report">The report, when it ran.</param>
public sealed record EntraSyncOutcome(EntraSyncOutcomeKind Kind, EntraSyncRunReport? Report = null);

/// <summary>
/// Runs the Entra ID group sync of one authority on behalf of the schedule or of an API call: claims the authority's
/// <c>entra.group-sync</c> job in the database (<see cref="IJobLeaseStore"/>: one run at a time across every server
/// instance; the claim is renewed every third of <see cref="EntraSyncServerOptions.Lease"/> while the run lasts, and a
/// run that loses it is cancelled), reads the rules file and the authority's agents, completions, acknowledgements and
/// definitions, runs <see cref="IGroupSyncService"/> through Microsoft Graph with its state kept in the database
/// (<see cref="CheckpointGroupSyncStateStore"/>) and every change written to the audit log
/// (<see cref="AuditLogGroupSyncAuditSink"/>), then records the run (<see cref="GetLastRunAsync"/>) and writes it to the
/// audit log (<c>entra.group-sync.run</c>). Registered only when <see cref="EntraSyncServerOptions.Enabled"/>.
/// </summary>
public sealed partial class EntraSyncRunner : IDisposable
{
    /// <summary>The job claimed per authority.</summary>
    public const string JobName = "entra.group-sync";

    /// <summary>The actor of scheduled runs.</summary>
    public const string ScheduleActor = "system:entra-sync";

    /// <summary>The audit action of a run.</summary>
    public const string RunAuditAction = "entra.group-sync.run";

    /// <summary>The checkpoint holding the report of the last run.</summary>
    public const string LastRunCheckpoint = "entra.group-sync.last-run";

    private readonly IServiceScopeFactory scopes;
    private readonly IOptionsMonitor<EntraSyncServerOptions> options;
    private readonly IHostEnvironment environment;
    private readonly IHostApplicationLifetime lifetime;
    private readonly TimeProvider timeProvider;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger<EntraSyncRunner> logger;
    private readonly HttpMessageHandler? primaryHandler;
    private readonly TenantJobScheduler jobs;
    private readonly Dictionary<string, TenantClient> clients = new(StringComparer.Ordinal);
    private bool disposed;

    /// <summary>Creates the runner.</summary>
    /// <param name="scopes">Scope factory (one scope per run, acting for its tenant).</param>
    /// <param name="options">The sync options.</param>
    /// <param name="environment">The host environment (relative rules file paths start from its content root).</param>
    /// <param name="lifetime">The application lifetime: runs stop when the application stops, not when a caller goes away.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="loggerFactory">Loggers.</param>
    /// <param name="services">The root services (an optional keyed <see cref="HttpMessageHandler"/> under <see cref="EntraServiceCollectionExtensions.HttpHandlerKey"/> carries Graph calls: a proxy).</param>
    public EntraSyncRunner(
        IServiceScopeFactory scopes,
        IOptionsMonitor<EntraSyncServerOptions> options,
        IHostEnvironment environment,
        IHostApplicationLifetime lifetime,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        this.scopes = scopes;
        this.options = options;
        this.environment = environment;
        this.lifetime = lifetime;
        this.timeProvider = timeProvider;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<EntraSyncRunner>();
        jobs = CreateScheduler(timeProvider, logger);
        primaryHandler = services.GetKeyedService<HttpMessageHandler>(EntraServiceCollectionExtensions.HttpHandlerKey);
    }

    /// <summary>The authorities whose groups are synced.</summary>
    public IReadOnlyCollection<string> Tenants =>
        options.CurrentValue.Enabled ? [.. options.CurrentValue.EffectiveTenants().Keys.Order(StringComparer.Ordinal)] : [];

    /// <summary>Whether the groups of <paramref name="tenantId"/> are synced.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <returns><see langword="true"/> when a rules file is configured for the authority.</returns>
    public bool IsConfigured(string? tenantId) =>
        tenantId is not null && options.CurrentValue.Enabled && options.CurrentValue.EffectiveTenants().ContainsKey(tenantId);

    /// <summary>Runs the sync of an authority unless a run is in progress (or, for the schedule, not due).</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="trigger">Who asks, and how.</param>
    /// <param name="cancellationToken">Cancels the run; the application stopping cancels it too. A cancelled run is resumed by the next one.</param>
    /// <returns>What became of the request.</returns>
    public async Task<EntraSyncOutcome> RunAsync(string tenantId, EntraSyncTrigger trigger, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(trigger);
        var settings = options.CurrentValue;
        if (!settings.Enabled || !settings.EffectiveTenants().TryGetValue(tenantId, out var tenant))
        {
            return new EntraSyncOutcome(EntraSyncOutcomeKind.NotConfigured);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var token = linked.Token;
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<ITenantDirectory>().GetAsync(tenantId, token).ConfigureAwait(false) is null)
            {
                LogUnknownTenant(logger, tenantId);
                return new EntraSyncOutcome(EntraSyncOutcomeKind.NotConfigured);
            }
        }

        var run = await jobs.RunLeasedAsync(
            tenantId,
            settings.Lease,
            trigger.Scheduled ? settings.Interval : TimeSpan.Zero,
            (services, ct) => RunClaimedAsync(services, tenantId, settings, tenant, trigger, ct),
            // A failed run stays due (retried at the next check); a dry run asked for through the API is not the scheduled run.
            report => report.Status != GroupSyncRunStatus.Failed && (trigger.Scheduled || report.Mode != EntraSyncRunMode.DryRun),
            token).ConfigureAwait(false);
        return run is { Outcome: LeasedRunOutcome.Ran, Result: { } ran }
            ? new EntraSyncOutcome(EntraSyncOutcomeKind.Ran, ran)
            : new EntraSyncOutcome(EntraSyncOutcomeKind.Busy);
    }

    /// <summary>A scheduler of this runner's job (<see cref="JobName"/>) with the given clock and logger.</summary>
    /// <param name="clock">The clock of the checks and renewals.</param>
    /// <param name="jobLogger">The logger of the schedule's owner.</param>
    /// <returns>The scheduler.</returns>
    internal TenantJobScheduler CreateScheduler(TimeProvider clock, ILogger jobLogger) => new(JobName, scopes, clock, jobLogger);

    /// <summary>
    /// The report of the last run of an authority: the one the server recorded, or, when a run ended without it
    /// (cancelled by a shutdown), the sync's own record of that run without per-group figures.
    /// </summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report, or <see langword="null"/> when no run was recorded.</returns>
    public async Task<EntraSyncRunReport?> GetLastRunAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestTenantContext>().Set(tenantId);
        var checkpoints = scope.ServiceProvider.GetRequiredService<ICheckpointStore>();
        EntraSyncRunReport? report = null;
        if (await checkpoints.GetAsync(LastRunCheckpoint, cancellationToken).ConfigureAwait(false) is { } checkpoint)
        {
            try
            {
                report = JsonSerializer.Deserialize<EntraSyncRunReport>(checkpoint.State, AiLiteracyJson.Options);
            }
            catch (JsonException ex)
            {
                LogDamagedReport(logger, tenantId, ex);
            }
        }

        var state = await new CheckpointGroupSyncStateStore(checkpoints).LoadAsync(cancellationToken).ConfigureAwait(false);
        if (state.LastRun is { } record && (report is null || (record.RunId != report.RunId && record.StartedAt > report.StartedAt)))
        {
            report = EntraSyncReports.From(record, EntraSyncReports.ModeOf(record));
        }

        return report;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (clients)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var client in clients.Values)
            {
                DisposeClient(client);
            }

            clients.Clear();
        }
    }

    private async Task<EntraSyncRunReport> RunClaimedAsync(
        IServiceProvider services, string tenantId, EntraSyncServerOptions settings, EntraSyncTenantOptions tenant, EntraSyncTrigger trigger, CancellationToken cancellationToken)
    {
        using var activity = ServerTelemetry.ActivitySource.StartActivity("ailiteracy.entra_sync");
        activity?.SetTag("ailiteracy.tenant", tenantId);
        activity?.SetTag("ailiteracy.entra.scheduled", trigger.Scheduled);
        var startedAt = timeProvider.GetUtcNow();
        var definitions = await services.GetRequiredService<TenantDefinitionService>().GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        EntraSyncTenantSetup setup;
        try
        {
            setup = await EntraSyncTenantSetup.LoadAsync(settings, tenant, environment.ContentRootPath, definitions.Set, cancellationToken).ConfigureAwait(false);
        }
        catch (GroupSyncConfigurationException ex)
        {
            // Nothing was sent to Graph: the run fails on its input, and says why.
            LogInvalidConfiguration(logger, tenantId, ex.Message);
            var dry = trigger.DryRun || (tenant.DryRun ?? settings.DryRun);
            var failed = new EntraSyncRunReport
            {
                RunId = Guid.NewGuid().ToString("N"),
                StartedAt = startedAt,
                CompletedAt = timeProvider.GetUtcNow(),
                Status = GroupSyncRunStatus.Failed,
                Mode = dry ? EntraSyncRunMode.DryRun : EntraSyncRunMode.Apply,
                TriggeredBy = trigger.Actor,
                Requests = new EntraSyncRequestCounts(0, 0, 0),
                Message = ex.Message,
            };
            await RecordAsync(services, failed).ConfigureAwait(false);
            return failed;
        }

        var dryRun = trigger.DryRun || setup.DryRun;
        var force = !dryRun && (trigger.Scheduled ? setup.Force : trigger.Force);
        var mode = dryRun ? EntraSyncRunMode.DryRun : force ? EntraSyncRunMode.Force : EntraSyncRunMode.Apply;
        var data = await LoadDataAsync(services, cancellationToken).ConfigureAwait(false);
        var client = ClientFor(tenantId, setup);
        var service = new GroupSyncService(
            client.Graph,
            client.Counter,
            setup.Sync,
            new CheckpointGroupSyncStateStore(services.GetRequiredService<ICheckpointStore>()),
            new AuditLogGroupSyncAuditSink(services.GetRequiredService<IAuditLog>()),
            timeProvider,
            loggerFactory.CreateLogger<GroupSyncService>());
        var result = await service.RunAsync(
            new GroupSyncRequest
            {
                Rules = setup.Configuration.Rules,
                Data = data,
                Definitions = definitions.Set,
                EngineOptions = services.GetRequiredService<IOptions<AiLiteracyOptions>>().Value.ToEngineOptions(),
                DryRun = dryRun,
                Force = force,
                TriggeredBy = trigger.Actor,
            },
            cancellationToken).ConfigureAwait(false);
        var report = EntraSyncReports.From(result, mode);
        activity?.SetTag("ailiteracy.entra.status", report.Status.ToString());
        await RecordAsync(services, report).ConfigureAwait(false);
        LogRunEnded(logger, tenantId, report.RunId, report.Status, report.Mode, report.PlannedAdds, report.PlannedRemoves, report.Applied, report.Failed);
        return report;
    }

    private static async Task<GroupSyncData> LoadDataAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var organization = await services.GetRequiredService<IOrganizationRepository>().GetAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceNotFoundException("organization", "?");
        var agents = new List<Agent>();
        await foreach (var agent in services.GetRequiredService<IAgentRepository>().StreamAsync(new AgentFilter(), cancellationToken).ConfigureAwait(false))
        {
            agents.Add(agent);
        }

        var completions = new List<Completion>();
        await foreach (var record in services.GetRequiredService<ICompletionRepository>().StreamAllAsync(cancellationToken).ConfigureAwait(false))
        {
            completions.Add(record.Completion);
        }

        var acknowledgements = new List<Acknowledgement>();
        await foreach (var acknowledgement in services.GetRequiredService<IAcknowledgementRepository>().StreamAllAsync(cancellationToken).ConfigureAwait(false))
        {
            acknowledgements.Add(acknowledgement);
        }

        return new GroupSyncData { Organization = organization, Agents = agents, Completions = completions, Acknowledgements = acknowledgements };
    }

    private static async Task RecordAsync(IServiceProvider services, EntraSyncRunReport report)
    {
        // Not cancellable: the changes were made, their record must be kept.
        await services.GetRequiredService<ICheckpointStore>()
            .SetAsync(LastRunCheckpoint, JsonSerializer.Serialize(report, AiLiteracyJson.Compact), CancellationToken.None).ConfigureAwait(false);
        var details = JsonSerializer.Serialize(
            new
            {
                status = report.Status,
                mode = report.Mode,
                report.PlannedAdds,
                report.PlannedRemoves,
                report.Applied,
                report.Failed,
                report.UnmatchedAgents,
                groups = report.Groups.Select(g => new { g.GroupId, g.PlannedAdds, g.PlannedRemoves, g.Added, g.Removed, g.Failed }),
                graphReads = report.Requests.Reads,
                graphWrites = report.Requests.Writes,
            },
            AiLiteracyJson.Compact);
        await services.GetRequiredService<IAuditLog>()
            .WriteAsync(report.TriggeredBy, RunAuditAction, report.RunId, details, CancellationToken.None).ConfigureAwait(false);
    }

    private TenantClient ClientFor(string tenantId, EntraSyncTenantSetup setup)
    {
        var fingerprint = setup.ClientFingerprint;
        lock (clients)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (clients.TryGetValue(tenantId, out var existing) && existing.Fingerprint == fingerprint)
            {
                return existing;
            }

            if (existing is not null)
            {
                DisposeClient(existing);
            }

            var counter = new GraphRequestCounter();
            var graph = EntraGraphClientFactory.Create(
                setup.Connection,
                new EntraAccessTokenProvider(setup.Connection),
                setup.Sync,
                counter,
                timeProvider,
                loggerFactory.CreateLogger("AiLiteracy.Entra.Graph"),
                primaryHandler);
            var client = new TenantClient(fingerprint, graph, counter);
            clients[tenantId] = client;
            return client;
        }
    }

    private void DisposeClient(TenantClient client)
    {
        // A shared handler given by the host must outlive the clients built over it.
        if (primaryHandler is null)
        {
            client.Graph.Dispose();
        }
    }

    private sealed record TenantClient(string Fingerprint, GraphServiceClient Graph, GraphRequestCounter Counter);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Entra ID group sync of tenant {TenantId} ({RunId}) ended: {Status} ({Mode}); planned +{Adds} -{Removes}; {Applied} applied, {Failed} refused")]
    private static partial void LogRunEnded(ILogger logger, string tenantId, string runId, GroupSyncRunStatus status, EntraSyncRunMode mode, int adds, int removes, int applied, int failed);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Entra ID group sync of tenant {TenantId} not run: {Message}")]
    private static partial void LogInvalidConfiguration(ILogger logger, string tenantId, string message);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Entra ID group sync configured for tenant {TenantId}, which does not exist; skipped")]
    private static partial void LogUnknownTenant(ILogger logger, string tenantId);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "The last Entra ID group sync report of tenant {TenantId} is damaged; the sync's own record is used")]
    private static partial void LogDamagedReport(ILogger logger, string tenantId, Exception exception);
}
