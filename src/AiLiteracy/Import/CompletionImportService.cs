using System.Text.Json;
using AiLiteracy.Hr.Csv;
using AiLiteracy.Hr.Mapping;
using AiLiteracy.Hr.Xapi;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Services;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Import;

/// <summary>The report of a completions import (CSV or xAPI).</summary>
public sealed record CompletionImportReport
{
    /// <summary>The file or LRS imported.</summary>
    public required string Source { get; init; }

    /// <summary>Rows or statements read.</summary>
    public int Items { get; init; }

    /// <summary>Completions stored by this import.</summary>
    public int Created { get; init; }

    /// <summary>Completions already stored (a repeated row or statement id): nothing written.</summary>
    public int Existing { get; init; }

    /// <summary>Completions withdrawn by voiding statements.</summary>
    public int Withdrawn { get; init; }

    /// <summary>Statements of other verbs, voided statements and rows outside the curriculum: nothing to record.</summary>
    public int Ignored { get; init; }

    /// <summary>Rows or statements rejected (exact count).</summary>
    public int RejectedCount { get; init; }

    /// <summary>Errors that prevent reading the file at all.</summary>
    public IReadOnlyList<CsvRowError> FileErrors { get; init; } = [];

    /// <summary>The rejected rows or statements: line (row, or position of the statement), column (or JSON path) and reason.</summary>
    public IReadOnlyList<CsvRowError> Rejected { get; init; } = [];

    /// <summary>Rows accepted with a warning, or ignored with a reason.</summary>
    public IReadOnlyList<CsvRowError> Warnings { get; init; } = [];

    /// <summary>Employee numbers, e-mail addresses or mbox hashes that match no agent, in order of first appearance.</summary>
    public IReadOnlyList<string> UnknownAgents { get; init; } = [];

    /// <summary>Activity ids that map to no module, in order of first appearance.</summary>
    public IReadOnlyList<string> UnknownActivities { get; init; } = [];

    /// <summary>Whether anything was rejected.</summary>
    public bool HasErrors => FileErrors.Count > 0 || RejectedCount > 0;
}

/// <summary>
/// Imports completions: CSV files from an LMS or CNFPT attestations (through a mapping file), and xAPI statements from
/// a JSON file or an LRS. Rows are read one at a time and written in batches of <see cref="BatchSize"/>: each batch is
/// checked like <see cref="CompletionService"/> checks one completion (validation against the curriculum in force, known
/// agent), its agents are read together, and its completions are stored in one transaction with their webhook
/// events (<c>completion.recorded</c>, and <c>clearance.changed</c> when a completion clears an agent or no longer
/// leaves them cleared), exactly as if recorded one by one in file order. A repeated row or statement id stores nothing
/// and counts as already recorded; voided statements withdraw their completion; unknown agents and activities are
/// reported, never silently dropped.
/// </summary>
public class CompletionImportService
{
    /// <summary>The default number of rows written per transaction.</summary>
    public const int DefaultBatchSize = 1000;

    private readonly CompletionService completions;
    private readonly ICompletionRepository repository;
    private readonly IAgentRepository agents;
    private readonly TenantDefinitionService definitions;
    private readonly AgentStatusService status;
    private readonly EventPublisher events;
    private readonly IWebhookSubscriptionRepository subscriptions;
    private readonly IUnitOfWork unitOfWork;
    private readonly IAuditLog audit;
    private readonly ICheckpointStore checkpoints;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<CompletionImportService> logger;
    private int batchSize = DefaultBatchSize;

    /// <summary>Creates the service.</summary>
    /// <param name="completions">The completion use case (validation).</param>
    /// <param name="repository">Completions.</param>
    /// <param name="agents">Agents.</param>
    /// <param name="definitions">Definitions in force (modules).</param>
    /// <param name="status">Agent evaluation (clearance before and after each new completion).</param>
    /// <param name="events">Webhook events.</param>
    /// <param name="subscriptions">Webhook subscriptions (to evaluate clearances only when someone listens).</param>
    /// <param name="unitOfWork">Transactions.</param>
    /// <param name="audit">Audit log.</param>
    /// <param name="checkpoints">Checkpoints (LRS watermark).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public CompletionImportService(
        CompletionService completions,
        ICompletionRepository repository,
        IAgentRepository agents,
        TenantDefinitionService definitions,
        AgentStatusService status,
        EventPublisher events,
        IWebhookSubscriptionRepository subscriptions,
        IUnitOfWork unitOfWork,
        IAuditLog audit,
        ICheckpointStore checkpoints,
        TimeProvider timeProvider,
        ILogger<CompletionImportService> logger)
    {
        this.completions = completions;
        this.repository = repository;
        this.agents = agents;
        this.definitions = definitions;
        this.status = status;
        this.events = events;
        this.subscriptions = subscriptions;
        this.unitOfWork = unitOfWork;
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>Rows or statements written per transaction (1 to 10,000; default <see cref="DefaultBatchSize"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 10,000.</exception>
    public int BatchSize
    {
        get => batchSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10_000);
            batchSize = value;
        }
    }

    /// <summary>Imports a CSV file of completions (LMS export, CNFPT attestations) through a mapping.</summary>
    /// <param name="content">The CSV content.</param>
    /// <param name="fileName">The file name, for the report.</param>
    /// <param name="mapping">The completions mapping (default: <see cref="HrMapping.DefaultCompletions"/>).</param>
    /// <param name="actor">Who imports (audit log).</param>
    /// <param name="progress">Receives progress, when given.</param>
    /// <param name="cancellationToken">Cancels the operation; completions already stored stay.</param>
    /// <returns>The report.</returns>
    public virtual async Task<CompletionImportReport> ImportCsvAsync(Stream content, string fileName, HrMapping? mapping = null, string actor = "cli", IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        mapping ??= HrMapping.DefaultCompletions;
        if (mapping.Kind != HrMappingKind.Completions)
        {
            throw new ArgumentException("The mapping does not describe a completions file (kind must be 'completions').", nameof(mapping));
        }

        using var activity = AiLiteracyTelemetry.ActivitySource.StartActivity("completions.import.csv");
        var current = await definitions.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var context = new CompletionMappingContext
        {
            ModuleIds = current.Set.Curriculum.Modules.Select(m => m.Id).ToHashSet(StringComparer.Ordinal),
            Today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime),
        };
        var report = new Collector(fileName);
        using var reader = await HrCsvReader.OpenAsync(content, fileName, leaveOpen: true, cancellationToken).ConfigureAwait(false);
        if (!reader.HasHeader)
        {
            return report.Build() with { FileErrors = [new CsvRowError(fileName, 1, null, new LocalizedText("Le fichier est vide : une ligne d'en-tête est attendue.", "The file is empty: a header line is expected."))] };
        }

        var mapper = CompletionRowMapper.Create(mapping, context, reader.Fields, out var headerErrors);
        if (headerErrors.Count > 0)
        {
            return report.Build() with { FileErrors = headerErrors };
        }

        var batch = new List<PendingCompletion>(batchSize);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            report.Items++;
            var fields = reader.Fields;
            var row = reader.CheckFieldCount() is { } countError ? new MappedRow<Completion>(fields.Line, null, null, countError, null) : mapper.Map(fields);
            foreach (var warning in row.Warnings ?? [])
            {
                report.Warnings.Add(warning);
            }

            if (row.Error is { } error)
            {
                report.Reject(error);
                continue;
            }

            if (row.Record is not { } completion)
            {
                report.Ignored++;
                continue;
            }

            // The fields move on with the reader: keep the file and line for errors found when the batch is written.
            var (file, line) = (fields.FileName, fields.Line);
            batch.Add(new PendingCompletion(line, ToInput(completion, mapper.HasOutcome(fields)), (column, message) => new CsvRowError(file, line, column switch
            {
                "employeeNumber" => mapper.EmployeeNumberColumn,
                "moduleId" or "moduleVersion" => mapper.ModuleColumn,
                _ => null,
            }, message)));
            if (batch.Count >= batchSize)
            {
                await FlushAsync(batch, report, cancellationToken).ConfigureAwait(false);
            }

            if (progress is not null && (report.Items & 255) == 0)
            {
                progress.Report(new ImportProgress(ImportPhase.Applying, report.Items, reader.BytesRead, reader.Length));
            }
        }

        await FlushAsync(batch, report, cancellationToken).ConfigureAwait(false);
        progress?.Report(new ImportProgress(ImportPhase.Applying, report.Items, reader.Length ?? reader.BytesRead, reader.Length, Final: true));
        var result = report.Build();
        await AuditAsync(actor, "completions.import", fileName, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Imports the xAPI statements of a JSON file (an array, one statement, or a <c>StatementResult</c>).</summary>
    /// <param name="content">The JSON content.</param>
    /// <param name="fileName">The file name, for the report.</param>
    /// <param name="options">How actors and activities map to agents and modules.</param>
    /// <param name="actor">Who imports (audit log).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    public virtual async Task<CompletionImportReport> ImportXapiFileAsync(Stream content, string fileName, XapiMappingOptions options, string actor = "cli", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var entries = await XapiStatementFile.ReadAsync(content, cancellationToken).ConfigureAwait(false);
        var report = new Collector(fileName);
        if (entries is [{ Statement: null, Position: 0 } broken])
        {
            return report.Build() with { FileErrors = [new CsvRowError(fileName, 1, broken.Path, broken.Error!)] };
        }

        await ImportStatementsAsync(entries, fileName, options, report, cancellationToken).ConfigureAwait(false);
        var result = report.Build();
        await AuditAsync(actor, "completions.import.xapi", fileName, result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Imports the statements an LRS stored since the last import (<c>GET statements?since=…</c>, following <c>more</c>),
    /// then moves the stored watermark to the newest statement read. A crash before the end re-reads from the previous
    /// watermark: statement ids make the repeat harmless.
    /// </summary>
    /// <param name="lrs">The LRS client.</param>
    /// <param name="options">How actors and activities map to agents and modules.</param>
    /// <param name="since">Read from this time instead of the stored watermark (the watermark still moves forward).</param>
    /// <param name="actor">Who imports (audit log).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    public virtual async Task<CompletionImportReport> ImportFromLrsAsync(LrsClient lrs, XapiMappingOptions options, DateTimeOffset? since = null, string actor = "cli", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lrs);
        var name = "lrs-import:" + lrs.Endpoint.GetLeftPart(UriPartial.Path);
        if (since is null && await checkpoints.GetAsync(name, cancellationToken).ConfigureAwait(false) is { } checkpoint)
        {
            since = JsonSerializer.Deserialize<LrsWatermark>(checkpoint.State)?.Stored;
        }

        var report = new Collector(lrs.Endpoint.ToString());
        var newest = since;
        var position = 0;
        await foreach (var page in lrs.GetStatementsAsync(since, cancellationToken).ConfigureAwait(false))
        {
            var entries = page.Statements.Select(s => new XapiStatementEntry(++position, $"$.statements[{position - 1}]", s, null)).ToArray();
            await ImportStatementsAsync(entries, lrs.Endpoint.ToString(), options, report, cancellationToken).ConfigureAwait(false);
            foreach (var statement in page.Statements)
            {
                if (statement.Stored is { } stored && (newest is null || stored > newest))
                {
                    newest = stored;
                }
            }

            if (newest is not null)
            {
                await checkpoints.SetAsync(name, JsonSerializer.Serialize(new LrsWatermark(newest.Value)), cancellationToken).ConfigureAwait(false);
            }
        }

        var result = report.Build();
        await AuditAsync(actor, "completions.import.lrs", lrs.Endpoint.GetLeftPart(UriPartial.Path), result, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task ImportStatementsAsync(IReadOnlyList<XapiStatementEntry> entries, string source, XapiMappingOptions options, Collector report, CancellationToken cancellationToken)
    {
        var mapper = new XapiCompletionMapper(options);
        var mapped = new List<(XapiStatementEntry Entry, XapiMapped Mapped)>(entries.Count);
        foreach (var entry in entries)
        {
            report.Items++;
            if (entry.Statement is null)
            {
                report.Reject(new CsvRowError(source, entry.Position, entry.Path, entry.Error!));
                continue;
            }

            mapped.Add((entry, mapper.Map(entry.Statement)));
        }

        // Voiding first: a voided statement is never recorded, whatever the order of the file (an LRS lists the newest first).
        var voided = mapped.Where(m => m.Mapped.Kind == XapiStatementKind.Void).Select(m => m.Mapped.VoidedStatementId!).ToHashSet(StringComparer.Ordinal);
        Dictionary<string, string>? byEmail = null;
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<PendingCompletion>(Math.Min(batchSize, mapped.Count));
        foreach (var (entry, item) in mapped)
        {
            CsvRowError At(string? path, LocalizedText message) => new(source, entry.Position, path is null ? entry.Path : $"{entry.Path}.{path}", message);
            switch (item.Kind)
            {
                case XapiStatementKind.Ignored:
                    report.Ignored++;
                    continue;
                case XapiStatementKind.Rejected:
                    report.Reject(At(item.ErrorPath, item.Error!));
                    if (item.UnknownActivity)
                    {
                        report.UnknownActivity(item.ActivityId!);
                    }

                    continue;
                case XapiStatementKind.Void:
                    var withdrawn = await unitOfWork.ExecuteAsync(async ct =>
                    {
                        var result = await repository.WithdrawAsync(CompletionSource.Xapi, item.VoidedStatementId!, ct).ConfigureAwait(false);
                        if (result is { Created: true })
                        {
                            await audit.WriteAsync("xapi", "completions.withdraw", result.Record.Completion.EmployeeNumber, $"statement {item.VoidedStatementId} voided by {item.StatementId}", ct).ConfigureAwait(false);
                        }

                        return result;
                    }, cancellationToken).ConfigureAwait(false);
                    if (withdrawn is { Created: true })
                    {
                        report.Withdrawn++;
                    }
                    else
                    {
                        report.Ignored++;
                    }

                    continue;
            }

            if (voided.Contains(item.StatementId!) || !seenIds.Add(item.StatementId!))
            {
                // Voided in the same batch, or repeated in it: nothing to record.
                if (voided.Contains(item.StatementId!))
                {
                    report.Ignored++;
                }
                else
                {
                    report.Existing++;
                }

                continue;
            }

            var employeeNumber = item.EmployeeNumber;
            if (employeeNumber is null)
            {
                byEmail ??= await LoadEmailsAsync(cancellationToken).ConfigureAwait(false);
                var key = item.Email is { } email ? email.ToLowerInvariant() : item.MboxSha1Sum!;
                if (!byEmail.TryGetValue(key, out employeeNumber))
                {
                    report.UnknownAgent(item.Email ?? item.MboxSha1Sum!, entry.Position);
                    report.Reject(At("actor", new LocalizedText(
                        $"Aucun agent n'a l'adresse « {item.Email ?? item.MboxSha1Sum} ».", $"No agent has the address '{item.Email ?? item.MboxSha1Sum}'.")));
                    continue;
                }
            }

            var completion = item.Completion! with { EmployeeNumber = employeeNumber };
            batch.Add(new PendingCompletion(entry.Position, ToInput(completion, outcomeGiven: true), (field, message) => At(field switch
            {
                "employeeNumber" => item.EmployeeNumber is not null ? "actor.account.name" : "actor",
                "moduleId" or "moduleVersion" => "object.id",
                "score" => "result.score",
                "date" => "timestamp",
                _ => null,
            }, message)));
            if (batch.Count >= batchSize)
            {
                await FlushAsync(batch, report, cancellationToken).ConfigureAwait(false);
            }
        }

        await FlushAsync(batch, report, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a batch: checks each completion like <see cref="CompletionService.RecordAsync"/> does (first error
    /// reported), reads the agents of the batch at once, then stores the valid completions in one transaction with the
    /// events and counts they would have produced one by one, in order.
    /// </summary>
    private async Task FlushAsync(List<PendingCompletion> batch, Collector report, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var tenantDefinitions = await status.LoadDefinitionsAsync(cancellationToken).ConfigureAwait(false);
        var valid = new List<(PendingCompletion Row, Completion Completion)>(batch.Count);
        foreach (var row in batch)
        {
            try
            {
                valid.Add((row, completions.Validate(row.Input, "$", tenantDefinitions.Set)));
            }
            catch (InputValidationException ex)
            {
                var error = ex.Errors[0];
                report.Reject(row.Locate(error.Path.Split('.').LastOrDefault(), error.Message));
            }
        }

        batch.Clear();
        if (valid.Count == 0)
        {
            return;
        }

        var known = await agents.GetManyAsync(valid.Select(v => v.Completion.EmployeeNumber).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken).ConfigureAwait(false);
        var toRecord = new List<Completion>(valid.Count);
        foreach (var (row, completion) in valid)
        {
            if (known.ContainsKey(completion.EmployeeNumber))
            {
                toRecord.Add(completion);
                continue;
            }

            report.UnknownAgent(completion.EmployeeNumber, row.Line);
            report.Reject(row.Locate("employeeNumber", new LocalizedText(
                $"Agent « {completion.EmployeeNumber} » inconnu.", $"Unknown agent '{completion.EmployeeNumber}'.")));
        }

        if (toRecord.Count == 0)
        {
            return;
        }

        var results = await unitOfWork.ExecuteAsync(async ct =>
        {
            var publishRecorded = (await subscriptions.ListForEventAsync(WebhookEvents.CompletionRecorded, ct).ConfigureAwait(false)).Count > 0;
            var publishClearance = (await subscriptions.ListForEventAsync(WebhookEvents.ClearanceChanged, ct).ConfigureAwait(false)).Count > 0;

            // Clearance is judged on the history before each new completion, as one-by-one recording would: the agents'
            // stored history first, then each completion of the batch in order.
            Dictionary<string, (AgentEvaluation Evaluation, bool Cleared)>? before = null;
            if (publishClearance)
            {
                before = new Dictionary<string, (AgentEvaluation, bool)>(StringComparer.Ordinal);
                foreach (var employeeNumber in toRecord.Select(c => c.EmployeeNumber).Distinct(StringComparer.Ordinal))
                {
                    var evaluation = await status.LoadAsync(known[employeeNumber], ct).ConfigureAwait(false);
                    before[employeeNumber] = (evaluation, evaluation.Clearance().IsCleared);
                }
            }

            var written = await repository.RecordCompletionsAsync(toRecord, ct).ConfigureAwait(false);
            for (var i = 0; i < written.Count; i++)
            {
                if (!written[i].Created || (!publishRecorded && before is null))
                {
                    continue;
                }

                var record = written[i].Record;
                if (publishRecorded)
                {
                    await events.PublishAsync(WebhookEvents.CompletionRecorded, new CompletionRecordedEvent(CompletionView.From(record)), ct).ConfigureAwait(false);
                }

                if (before is not null && before.TryGetValue(record.Completion.EmployeeNumber, out var previous))
                {
                    var (evaluation, wasCleared) = previous;
                    var history = Engines.AgentHistory.Create(
                        evaluation.Agent.EmployeeNumber, evaluation.History.Completions.Append(record.Completion), evaluation.History.Acknowledgements, evaluation.History.Evidence);
                    var next = evaluation with { History = history };
                    var clearance = next.Clearance();
                    if (clearance.IsCleared != wasCleared)
                    {
                        await events.PublishAsync(WebhookEvents.ClearanceChanged, new ClearanceChangedEvent(
                            evaluation.Agent.EmployeeNumber, clearance.IsCleared, clearance.AsOf, AgentStatusService.Reasons(clearance)), ct).ConfigureAwait(false);
                    }

                    before[record.Completion.EmployeeNumber] = (next, clearance.IsCleared);
                }
            }

            return written;
        }, cancellationToken).ConfigureAwait(false);

        foreach (var result in results)
        {
            if (result.Created)
            {
                report.Created++;
            }
            else
            {
                report.Existing++;
            }
        }
    }

    private async Task<Dictionary<string, string>> LoadEmailsAsync(CancellationToken cancellationToken)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var agent in agents.StreamAsync(new AgentFilter(), cancellationToken).ConfigureAwait(false))
        {
            if (agent.Email is { Length: > 0 } email)
            {
                map.TryAdd(email.ToLowerInvariant(), agent.EmployeeNumber);
                map.TryAdd(XapiCompletionMapper.MboxSha1(email), agent.EmployeeNumber);
            }
        }

        return map;
    }

    private static CompletionInput ToInput(Completion completion, bool outcomeGiven) => new()
    {
        EmployeeNumber = completion.EmployeeNumber,
        ModuleId = completion.ModuleId,
        ModuleVersion = completion.ModuleVersion > 0 ? completion.ModuleVersion : null,
        Date = completion.Date,
        Outcome = outcomeGiven ? completion.Outcome : null,
        Score = completion.Score,
        DeliveryMode = completion.DeliveryMode,
        Source = completion.Source,
        EvidenceUrl = completion.EvidenceUrl,
        ExternalId = completion.ExternalId,
    };

    private async Task AuditAsync(string actor, string action, string source, CompletionImportReport report, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(actor, action, Path.GetFileName(source), JsonSerializer.Serialize(new
        {
            items = report.Items,
            created = report.Created,
            existing = report.Existing,
            withdrawn = report.Withdrawn,
            rejected = report.RejectedCount,
        }), cancellationToken).ConfigureAwait(false);
        ImportLog.CompletionsImported(logger, source, report.Items, report.Created, report.Existing, report.Withdrawn, report.RejectedCount);
    }

    private sealed record LrsWatermark(DateTimeOffset Stored);

    /// <summary>A completion read from the file, waiting for its batch to be written.</summary>
    /// <param name="Line">Its line (CSV) or position (xAPI), to report rejections in file order.</param>
    /// <param name="Input">The completion.</param>
    /// <param name="Locate">Makes the error of a field of the input (<c>employeeNumber</c>, <c>moduleId</c>…) at its place in the file.</param>
    private sealed record PendingCompletion(int Line, CompletionInput Input, Func<string?, LocalizedText, CsvRowError> Locate);

    private sealed class Collector(string source)
    {
        private readonly List<CsvRowError> rejected = [];
        private readonly Dictionary<string, (int Line, int Order)> unknownAgents = new(StringComparer.Ordinal);
        private readonly List<string> unknownActivities = [];
        private readonly HashSet<string> unknownActivitySet = new(StringComparer.Ordinal);

        public int Items { get; set; }

        public int Created { get; set; }

        public int Existing { get; set; }

        public int Withdrawn { get; set; }

        public int Ignored { get; set; }

        public List<CsvRowError> Warnings { get; } = [];

        public void Reject(CsvRowError error) => rejected.Add(error);

        /// <summary>Notes an unknown agent first seen at <paramref name="line"/> (batches find some after later rows were read).</summary>
        public void UnknownAgent(string id, int line)
        {
            if (!unknownAgents.TryGetValue(id, out var seen))
            {
                unknownAgents[id] = (line, unknownAgents.Count);
            }
            else if (line < seen.Line)
            {
                unknownAgents[id] = (line, seen.Order);
            }
        }

        public void UnknownActivity(string id)
        {
            if (unknownActivitySet.Add(id))
            {
                unknownActivities.Add(id);
            }
        }

        public CompletionImportReport Build() => new()
        {
            Source = source,
            Items = Items,
            Created = Created,
            Existing = Existing,
            Withdrawn = Withdrawn,
            Ignored = Ignored,
            RejectedCount = rejected.Count,

            // Batches reject some rows after later rows were read: report them in file order (a stable sort).
            Rejected = rejected.OrderBy(e => e.Line).ToArray(),
            Warnings = Warnings.ToArray(),
            UnknownAgents = unknownAgents.OrderBy(a => a.Value.Line).ThenBy(a => a.Value.Order).Select(a => a.Key).ToArray(),
            UnknownActivities = unknownActivities.ToArray(),
        };
    }
}

/// <summary>Log messages of the imports.</summary>
internal static partial class ImportLog
{
    [LoggerMessage(EventId = 5111, Level = LogLevel.Information, Message = "Completions import of {Source}: {Items} items, {Created} created, {Existing} already stored, {Withdrawn} withdrawn, {Rejected} rejected")]
    public static partial void CompletionsImported(ILogger logger, string source, int items, int created, int existing, int withdrawn, int rejected);
}
