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
/// a JSON file or an LRS. Each completion goes through <see cref="CompletionService"/> (validation, idempotency, webhook
/// events); a repeated row or statement id stores nothing; voided statements withdraw their completion; unknown
/// agents and activities are reported, never silently dropped.
/// </summary>
public class CompletionImportService
{
    private readonly CompletionService completions;
    private readonly ICompletionRepository repository;
    private readonly IAgentRepository agents;
    private readonly TenantDefinitionService definitions;
    private readonly IUnitOfWork unitOfWork;
    private readonly IAuditLog audit;
    private readonly ICheckpointStore checkpoints;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<CompletionImportService> logger;

    /// <summary>Creates the service.</summary>
    /// <param name="completions">The completion use case.</param>
    /// <param name="repository">Completions (withdrawals).</param>
    /// <param name="agents">Agents (actors identified by e-mail).</param>
    /// <param name="definitions">Definitions in force (modules).</param>
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
        this.unitOfWork = unitOfWork;
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.timeProvider = timeProvider;
        this.logger = logger;
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

            var input = ToInput(completion, mapper.HasOutcome(fields));
            await RecordAsync(input, report, (column, message) => fields.Error(column switch
            {
                "employeeNumber" => mapper.EmployeeNumberColumn,
                "moduleId" or "moduleVersion" => mapper.ModuleColumn,
                _ => null,
            }, message.Fr, message.En), cancellationToken).ConfigureAwait(false);
            if (progress is not null && (report.Items & 255) == 0)
            {
                progress.Report(new ImportProgress(ImportPhase.Applying, report.Items, reader.BytesRead, reader.Length));
            }
        }

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
                    report.UnknownAgent(item.Email ?? item.MboxSha1Sum!);
                    report.Reject(At("actor", new LocalizedText(
                        $"Aucun agent n'a l'adresse « {item.Email ?? item.MboxSha1Sum} ».", $"No agent has the address '{item.Email ?? item.MboxSha1Sum}'.")));
                    continue;
                }
            }

            var completion = item.Completion! with { EmployeeNumber = employeeNumber };
            var input = ToInput(completion, outcomeGiven: true);
            await RecordAsync(input, report, (field, message) => At(field switch
            {
                "employeeNumber" => item.EmployeeNumber is not null ? "actor.account.name" : "actor",
                "moduleId" or "moduleVersion" => "object.id",
                "score" => "result.score",
                "date" => "timestamp",
                _ => null,
            }, message), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RecordAsync(CompletionInput input, Collector report, Func<string?, LocalizedText, CsvRowError> locate, CancellationToken cancellationToken)
    {
        try
        {
            var result = await completions.RecordAsync(input, cancellationToken).ConfigureAwait(false);
            if (result.Created)
            {
                report.Created++;
            }
            else
            {
                report.Existing++;
            }
        }
        catch (InputValidationException ex)
        {
            foreach (var error in ex.Errors.Take(1))
            {
                var field = error.Path.Split('.').LastOrDefault();
                if (error.Code == "unknown-agent")
                {
                    report.UnknownAgent(input.EmployeeNumber!);
                }

                report.Reject(locate(field, error.Message));
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

    private sealed class Collector(string source)
    {
        private readonly List<CsvRowError> rejected = [];
        private readonly List<string> unknownAgents = [];
        private readonly HashSet<string> unknownAgentSet = new(StringComparer.Ordinal);
        private readonly List<string> unknownActivities = [];
        private readonly HashSet<string> unknownActivitySet = new(StringComparer.Ordinal);

        public int Items { get; set; }

        public int Created { get; set; }

        public int Existing { get; set; }

        public int Withdrawn { get; set; }

        public int Ignored { get; set; }

        public List<CsvRowError> Warnings { get; } = [];

        public void Reject(CsvRowError error) => rejected.Add(error);

        public void UnknownAgent(string id)
        {
            if (unknownAgentSet.Add(id))
            {
                unknownAgents.Add(id);
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
            Rejected = rejected.ToArray(),
            Warnings = Warnings.ToArray(),
            UnknownAgents = unknownAgents.ToArray(),
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
