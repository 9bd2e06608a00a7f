using System.Text.Json;
using AiLiteracy.Hr.Bridge;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Hr.Mapping;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Services;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Import;

/// <summary>
/// Imports agents from an HR export (CSV through a mapping file), streaming: rows are read one at a time and written
/// in batches, so a file of a million rows imports in bounded memory. Every rejected row is reported with its line,
/// column and reason, and the valid rows are applied. A full import deactivates the agents missing from the file, but
/// stops without applying anything when that would deactivate more than the allowed share of active agents (a truncated
/// export must never wipe the population). Running the same file twice changes nothing the second time. The server and
/// the CLI both call this service.
/// </summary>
public partial class AgentImportService
{
    private readonly IAgentRepository agents;
    private readonly IOrganizationRepository organizations;
    private readonly TenantDefinitionService definitions;
    private readonly IUnitOfWork unitOfWork;
    private readonly IAuditLog audit;
    private readonly IWebhookSubscriptionRepository subscriptions;
    private readonly EventPublisher events;
    private readonly ICheckpointStore checkpoints;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<AgentImportService> logger;

    /// <summary>Creates the service.</summary>
    /// <param name="agents">Agents.</param>
    /// <param name="organizations">Organisation (org units).</param>
    /// <param name="definitions">Definitions in force (job families).</param>
    /// <param name="unitOfWork">Transactions.</param>
    /// <param name="audit">Audit log.</param>
    /// <param name="subscriptions">Webhook subscriptions (to publish <c>agent.created</c> only when someone listens).</param>
    /// <param name="events">Webhook events.</param>
    /// <param name="checkpoints">Watermarks (HR bridge pulls).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public AgentImportService(
        IAgentRepository agents,
        IOrganizationRepository organizations,
        TenantDefinitionService definitions,
        IUnitOfWork unitOfWork,
        IAuditLog audit,
        IWebhookSubscriptionRepository subscriptions,
        EventPublisher events,
        ICheckpointStore checkpoints,
        TimeProvider timeProvider,
        ILogger<AgentImportService> logger)
    {
        this.checkpoints = checkpoints;
        this.agents = agents;
        this.organizations = organizations;
        this.definitions = definitions;
        this.unitOfWork = unitOfWork;
        this.audit = audit;
        this.subscriptions = subscriptions;
        this.events = events;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>Imports an agents file from disk.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="options">Mapping, mode, dry run, force.</param>
    /// <param name="progress">Receives progress, when given.</param>
    /// <param name="cancellationToken">Cancels the operation; batches already committed stay.</param>
    /// <returns>The report.</returns>
    public virtual async Task<AgentImportReport> ImportFileAsync(string path, AgentImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            return await ImportAsync(stream, Path.GetFileName(path), options, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Imports an agents file. A full import reads the file twice (check, then apply): a stream that cannot seek is first
    /// copied to a temporary file, deleted afterwards.
    /// </summary>
    /// <param name="content">The CSV content.</param>
    /// <param name="fileName">The file name, for the report.</param>
    /// <param name="options">Mapping, mode, dry run, force.</param>
    /// <param name="progress">Receives progress, when given.</param>
    /// <param name="cancellationToken">Cancels the operation; batches already committed stay.</param>
    /// <returns>The report.</returns>
    public virtual async Task<AgentImportReport> ImportAsync(Stream content, string fileName, AgentImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mapping.Kind != HrMappingKind.Agents)
        {
            throw new ArgumentException("The mapping does not describe an agents file (kind must be 'agents').", nameof(options));
        }

        if (options.MaxDeactivationShare is < 0 or > 1 || options.BatchSize is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxDeactivationShare must be between 0 and 1 and BatchSize between 1 and 10,000.");
        }

        using var activity = AiLiteracyTelemetry.ActivitySource.StartActivity("agents.import");
        activity?.SetTag("ailiteracy.import.mode", options.Mode.ToString());
        activity?.SetTag("ailiteracy.import.dry_run", options.DryRun);
        var started = timeProvider.GetTimestamp();
        var twoPasses = options.Mode == AgentImportMode.Full && !options.DryRun;
        Stream? spooled = null;
        if (twoPasses && !content.CanSeek)
        {
            spooled = await SpoolAsync(content, cancellationToken).ConfigureAwait(false);
            content = spooled;
        }

        try
        {
            var context = await LoadContextAsync(cancellationToken).ConfigureAwait(false);
            var report = await RunAsync(content, fileName, options, context, twoPasses, progress, cancellationToken).ConfigureAwait(false);
            report = report with { Duration = timeProvider.GetElapsedTime(started) };
            activity?.SetTag("ailiteracy.import.rows", report.Rows);
            activity?.SetTag("ailiteracy.import.rejected", report.RejectedCount);
            Log.Imported(logger, fileName, report.Rows, report.Created, report.Updated, report.Unchanged, report.Deactivated, report.RejectedCount, report.Applied);
            return report;
        }
        finally
        {
            if (spooled is not null)
            {
                await spooled.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<AgentImportReport> RunAsync(
        Stream content, string fileName, AgentImportOptions options, AgentMappingContext context, bool twoPasses, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var start = content.CanSeek ? content.Position : 0;
        var collector = new RowCollector(options.MaxReportedRows);
        var counts = new Counts();

        // Pass 1 checks the file. A full import needs it before writing anything (to know whom it would deactivate); a
        // dry run stops after it; an incremental import applies as it reads.
        var applyWhileReading = !twoPasses && !options.DryRun;
        var firstPass = await ReadAsync(content, fileName, options, context, collector, counts, apply: applyWhileReading, compare: options.DryRun, progress, cancellationToken).ConfigureAwait(false);
        if (firstPass.FileErrors.Count > 0)
        {
            return collector.Report(fileName, options, applied: false, counts) with { FileErrors = firstPass.FileErrors };
        }

        IReadOnlyList<string> toDeactivate = [];
        if (options.Mode == AgentImportMode.Full)
        {
            var (missing, active) = await FindMissingAsync(firstPass.Seen, cancellationToken).ConfigureAwait(false);
            toDeactivate = missing;
            if (active > 0 && missing.Count > options.MaxDeactivationShare * active && !options.Force)
            {
                var stop = new DeactivationSafetyStop(missing.Count, active, options.MaxDeactivationShare);
                Log.SafetyStop(logger, fileName, missing.Count, active);
                await audit.WriteAsync(options.Actor, "agents.import.safety-stop", fileName,
                    JsonSerializer.Serialize(new { wouldDeactivate = missing.Count, active, threshold = options.MaxDeactivationShare }), cancellationToken).ConfigureAwait(false);
                return collector.Report(fileName, options, applied: false, counts) with
                {
                    SafetyStop = stop,
                    Created = 0,
                    Updated = 0,
                    Unchanged = 0,
                    Deactivated = 0,
                    DeactivatedEmployeeNumbers = missing.Take(options.MaxReportedRows).ToArray(),
                };
            }
        }

        if (options.DryRun)
        {
            return collector.Report(fileName, options, applied: false, counts) with
            {
                Deactivated = toDeactivate.Count,
                DeactivatedEmployeeNumbers = toDeactivate.Take(options.MaxReportedRows).ToArray(),
            };
        }

        if (twoPasses)
        {
            content.Position = start;
            await ReadAsync(content, fileName, options, context, collector: null, counts, apply: true, compare: false, progress, cancellationToken).ConfigureAwait(false);
        }

        var deactivated = await DeactivateAsync(toDeactivate, context.Today, options, progress, cancellationToken).ConfigureAwait(false);
        counts.Deactivated = deactivated.Count;
        await audit.WriteAsync(options.Actor, "agents.import", fileName, JsonSerializer.Serialize(new
        {
            mode = options.Mode == AgentImportMode.Full ? "full" : "incremental",
            rows = collector.Rows,
            created = counts.Created,
            updated = counts.Updated,
            unchanged = counts.Unchanged,
            deactivated = counts.Deactivated,
            rejected = collector.RejectedCount,
        }), cancellationToken).ConfigureAwait(false);
        return collector.Report(fileName, options, applied: true, counts) with
        {
            Deactivated = deactivated.Count,
            DeactivatedEmployeeNumbers = deactivated.Take(options.MaxReportedRows).ToArray(),
        };
    }

    /// <summary>Reads the file once: checks every row; writes (or compares) the valid ones in batches.</summary>
    private async Task<PassResult> ReadAsync(
        Stream content,
        string fileName,
        AgentImportOptions options,
        AgentMappingContext context,
        RowCollector? collector,
        Counts counts,
        bool apply,
        bool compare,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var reader = await AgentFileReader.OpenAsync(content, fileName, options.Mapping, context, cancellationToken).ConfigureAwait(false);
        if (reader.FileErrors.Count > 0)
        {
            return new PassResult(reader.FileErrors, reader.Seen);
        }

        var mapper = reader.Mapper!;
        var phase = apply ? ImportPhase.Applying : ImportPhase.Checking;
        var batch = new List<Agent>(options.BatchSize);
        var publish = apply && (await subscriptions.ListForEventAsync(WebhookEvents.AgentCreated, cancellationToken).ConfigureAwait(false)).Count > 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = reader.Current;
            collector?.Add(row);
            if (row.Record is { } agent)
            {
                batch.Add(agent);
                if (batch.Count >= options.BatchSize)
                {
                    await FlushAsync(batch, mapper.Merge, apply, compare, counts, publish, cancellationToken).ConfigureAwait(false);
                }
            }

            if (progress is not null && (reader.Rows & 1023) == 0)
            {
                progress.Report(new ImportProgress(phase, reader.Rows, reader.BytesRead, reader.Length));
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync(batch, mapper.Merge, apply, compare, counts, publish, cancellationToken).ConfigureAwait(false);
        }

        progress?.Report(new ImportProgress(phase, reader.Rows, reader.Length ?? reader.BytesRead, reader.Length, Final: true));
        return new PassResult([], reader.Seen);
    }

    private async Task FlushAsync(List<Agent> batch, Func<Agent, Agent, Agent> merge, bool apply, bool compare, Counts counts, bool publish, CancellationToken cancellationToken)
    {
        if (!apply && !compare)
        {
            batch.Clear();
            return;
        }

        if (!apply)
        {
            var stored = await agents.GetManyAsync(batch.Select(a => a.EmployeeNumber).ToArray(), cancellationToken).ConfigureAwait(false);
            foreach (var agent in batch)
            {
                if (!stored.TryGetValue(agent.EmployeeNumber, out var existing))
                {
                    counts.Created++;
                }
                else if (merge(existing, agent) == existing)
                {
                    counts.Unchanged++;
                }
                else
                {
                    counts.Updated++;
                }
            }

            batch.Clear();
            return;
        }

        await unitOfWork.ExecuteAsync(async ct =>
        {
            var stored = await agents.GetManyAsync(batch.Select(a => a.EmployeeNumber).ToArray(), ct).ConfigureAwait(false);
            var changed = new List<Agent>(batch.Count);
            foreach (var agent in batch)
            {
                if (!stored.TryGetValue(agent.EmployeeNumber, out var existing))
                {
                    changed.Add(agent);
                    continue;
                }

                var merged = merge(existing, agent);
                if (merged == existing)
                {
                    counts.Unchanged++;
                }
                else
                {
                    changed.Add(merged);
                }
            }

            if (changed.Count == 0)
            {
                return 0;
            }

            var outcomes = await agents.UpsertManyAsync(changed, ct).ConfigureAwait(false);
            for (var i = 0; i < outcomes.Count; i++)
            {
                switch (outcomes[i])
                {
                    case UpsertOutcome.Created:
                        counts.Created++;
                        if (publish)
                        {
                            var agent = changed[i];
                            await events.PublishAsync(WebhookEvents.AgentCreated, new AgentCreatedEvent(agent.EmployeeNumber, agent.OrgUnitId, agent.JobFamilyId, RoleNames.Of(agent.Roles)), ct).ConfigureAwait(false);
                        }

                        break;
                    case UpsertOutcome.Updated:
                        counts.Updated++;
                        break;
                    default:
                        counts.Unchanged++;
                        break;
                }
            }

            return outcomes.Count;
        }, cancellationToken).ConfigureAwait(false);
        batch.Clear();
    }

    /// <summary>
    /// Imports the agents the HR bridge reports as changed since the last pull (incremental: nobody is deactivated for
    /// being absent; an agent the bridge reports as left is). Each agent is checked like the agent API checks it; the
    /// Entra object id and UPN set by a directory sync are kept. The watermark (the latest <c>updatedAt</c> read) is stored
    /// after each page, so an interrupted pull resumes where it stopped; re-reading the boundary changes nothing.
    /// </summary>
    /// <param name="bridge">The HR bridge client.</param>
    /// <param name="actor">Who imports (audit log).</param>
    /// <param name="cancellationToken">Cancels the operation; pages already applied stay.</param>
    /// <returns>The report; rejected agents are located by their position in the feed and the field at fault.</returns>
    public virtual async Task<AgentImportReport> ImportFromHrBridgeAsync(HrBridgeClient bridge, string actor = "cli", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        var started = timeProvider.GetTimestamp();
        var source = bridge.BaseAddress?.GetLeftPart(UriPartial.Path) ?? "hr-bridge";
        var name = "agents-import:hr-bridge:" + source;
        DateTimeOffset? since = null;
        if (await checkpoints.GetAsync(name, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            since = JsonSerializer.Deserialize<BridgeWatermark>(stored.State)?.UpdatedAt;
        }

        var current = await definitions.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var units = (await organizations.ListOrgUnitsAsync(cancellationToken).ConfigureAwait(false)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var options = new AgentImportOptions { Mode = AgentImportMode.Incremental, Actor = actor };
        var collector = new RowCollector(options.MaxReportedRows);
        var counts = new Counts();
        var publish = (await subscriptions.ListForEventAsync(WebhookEvents.AgentCreated, cancellationToken).ConfigureAwait(false)).Count > 0;
        static Agent KeepDirectoryFields(Agent stored, Agent imported) => imported with { EntraObjectId = stored.EntraObjectId, UserPrincipalName = stored.UserPrincipalName };
        var position = 0;
        var newest = since;
        await foreach (var page in bridge.ListAgentPagesAsync(since, cancellationToken).ConfigureAwait(false))
        {
            var batch = new List<Agent>(page.Items.Count);
            foreach (var item in page.Items)
            {
                position++;
                try
                {
                    var input = new AgentInput
                    {
                        DisplayName = item.DisplayName,
                        Email = item.Email,
                        JobFamilyId = item.JobFamilyId,
                        OrgUnitId = item.OrgUnitId,
                        ManagerEmployeeNumber = item.ManagerEmployeeNumber,
                        Roles = item.Roles,
                        Status = item.Status switch
                        {
                            null or "active" => EmploymentStatus.Active,
                            "on-leave" => EmploymentStatus.OnLeave,
                            "left" => EmploymentStatus.Left,
                            _ => throw new InputValidationException([new InputError("$.status", "unknown-status", new LocalizedText(
                                $"Statut inconnu « {item.Status} » (active, on-leave, left).", $"Unknown status '{item.Status}' (active, on-leave, left)."))]),
                        },
                        StartDate = item.StartDate,
                        EndDate = item.EndDate,
                    };
                    batch.Add(AgentService.Validate(item.EmployeeNumber, input, "$", current.Set, units));
                    collector.Add(new MappedRow<Agent>(position, batch[^1], item.EmployeeNumber, null, null));
                }
                catch (InputValidationException ex)
                {
                    var error = ex.Errors[0];
                    collector.Add(new MappedRow<Agent>(position, null, item.EmployeeNumber, new CsvRowError(source, position, $"{item.EmployeeNumber} {error.Path}", error.Message), null));
                }

                if (newest is null || item.UpdatedAt > newest)
                {
                    newest = item.UpdatedAt;
                }
            }

            if (batch.Count > 0)
            {
                await FlushAsync(batch, KeepDirectoryFields, apply: true, compare: false, counts, publish, cancellationToken).ConfigureAwait(false);
            }

            if (newest is { } watermark)
            {
                await checkpoints.SetAsync(name, JsonSerializer.Serialize(new BridgeWatermark(watermark)), cancellationToken).ConfigureAwait(false);
            }
        }

        await audit.WriteAsync(actor, "agents.import.hr-bridge", source, JsonSerializer.Serialize(new
        {
            rows = collector.Rows,
            created = counts.Created,
            updated = counts.Updated,
            unchanged = counts.Unchanged,
            rejected = collector.RejectedCount,
        }), cancellationToken).ConfigureAwait(false);
        return collector.Report(source, options, applied: true, counts) with { Duration = timeProvider.GetElapsedTime(started) };
    }

    /// <summary>The agents not left who are missing from the file, and how many agents are not left.</summary>
    private async Task<(IReadOnlyList<string> Missing, int Active)> FindMissingAsync(EmployeeNumberSet seen, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var active = 0;
        foreach (var status in new[] { EmploymentStatus.Active, EmploymentStatus.OnLeave })
        {
            await foreach (var agent in agents.StreamAsync(new AgentFilter { Status = status }, cancellationToken).ConfigureAwait(false))
            {
                active++;
                if (!seen.Contains(agent.EmployeeNumber))
                {
                    missing.Add(agent.EmployeeNumber);
                }
            }
        }

        missing.Sort(StringComparer.Ordinal);
        return (missing, active);
    }

    private async Task<IReadOnlyList<string>> DeactivateAsync(IReadOnlyList<string> employeeNumbers, DateOnly today, AgentImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        foreach (var chunk in employeeNumbers.Chunk(options.BatchSize))
        {
            await unitOfWork.ExecuteAsync(async ct =>
            {
                foreach (var employeeNumber in chunk)
                {
                    if (await agents.DeactivateAsync(employeeNumber, today, ct).ConfigureAwait(false))
                    {
                        done.Add(employeeNumber);
                        await audit.WriteAsync(options.Actor, "agents.deactivate", employeeNumber, "missing from a full HR import", ct).ConfigureAwait(false);
                    }
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);
            progress?.Report(new ImportProgress(ImportPhase.Deactivating, done.Count, done.Count, employeeNumbers.Count, Final: done.Count == employeeNumbers.Count));
        }

        return done;
    }

    private async Task<AgentMappingContext> LoadContextAsync(CancellationToken cancellationToken)
    {
        var current = await definitions.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var units = await organizations.ListOrgUnitsAsync(cancellationToken).ConfigureAwait(false);
        return new AgentMappingContext
        {
            JobFamilyIds = current.Set.JobFamilies.JobFamilies.Select(f => f.Id).ToHashSet(StringComparer.Ordinal),
            OrgUnits = units,
            Today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime),
        };
    }

    private static async Task<Stream> SpoolAsync(Stream content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "ailiteracy-import-" + Guid.NewGuid().ToString("N") + ".csv");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed record BridgeWatermark(DateTimeOffset UpdatedAt);

    private sealed record PassResult(IReadOnlyList<CsvRowError> FileErrors, EmployeeNumberSet Seen);

    private sealed class Counts
    {
        public int Created { get; set; }

        public int Updated { get; set; }

        public int Unchanged { get; set; }

        public int Deactivated { get; set; }
    }

    /// <summary>Collects the rejected rows and warnings of the checking pass, up to a limit; counts stay exact.</summary>
    private sealed class RowCollector(int limit)
    {
        private readonly List<CsvRowError> rejected = [];
        private readonly List<CsvRowError> warnings = [];

        public int Rows { get; private set; }

        public int RejectedCount { get; private set; }

        public int WarningCount { get; private set; }

        public void Add(in MappedRow<Agent> row)
        {
            Rows++;
            if (row.Error is { } error)
            {
                RejectedCount++;
                if (rejected.Count < limit)
                {
                    rejected.Add(error);
                }
            }

            if (row.Warnings is { } list)
            {
                foreach (var warning in list)
                {
                    WarningCount++;
                    if (warnings.Count < limit)
                    {
                        warnings.Add(warning);
                    }
                }
            }
        }

        public AgentImportReport Report(string file, AgentImportOptions options, bool applied, Counts counts) => new()
        {
            File = file,
            Mode = options.Mode,
            DryRun = options.DryRun,
            Applied = applied,
            Rows = Rows,
            Created = counts.Created,
            Updated = counts.Updated,
            Unchanged = counts.Unchanged,
            Deactivated = counts.Deactivated,
            RejectedCount = RejectedCount,
            WarningCount = WarningCount,
            Rejected = rejected,
            Warnings = warnings,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Agents import of {File}: {Rows} rows, {Created} created, {Updated} updated, {Unchanged} unchanged, {Deactivated} deactivated, {Rejected} rejected, applied: {Applied}")]
        public static partial void Imported(ILogger logger, string file, int rows, int created, int updated, int unchanged, int deactivated, int rejected, bool applied);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Agents import of {File} stopped: {WouldDeactivate} of {Active} active agents would be deactivated")]
        public static partial void SafetyStop(ILogger logger, string file, int wouldDeactivate, int active);
    }
}
