using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLiteracy.Hr.Bridge;
using AiLiteracy.Hr.Xapi;
using AiLiteracy.Model;
using AiLiteracy.Ports;
using AiLiteracy.Services;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Logging;

namespace AiLiteracy.Export;

/// <summary>Options of an export of completions to HR.</summary>
public sealed record CompletionExportOptions
{
    /// <summary>The CSV layout. Default: <see cref="CompletionExportLayout.Default"/> (French SIRH training history).</summary>
    public CompletionExportLayout Layout { get; init; } = CompletionExportLayout.Default;

    /// <summary>
    /// Exports the completions recorded since this time, once, without reading or moving the stored watermark (a
    /// catch-up or a re-send). Default: <see langword="null"/>, the incremental export from the watermark.
    /// </summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The home page whose account name is the employee number, in xAPI statements. Default: <c>https://ailiteracy.example/agents/{tenant}</c>.</summary>
    public string? AccountHomePage { get; init; }

    /// <summary>The base IRI of module activities in xAPI statements. Default: <c>https://ailiteracy.example/modules/</c>.</summary>
    public string? ActivityBase { get; init; }

    /// <summary>Records read per page, and sent between two watermark updates to the HR bridge. Default: 100.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Who exports, for the audit log. Default: <c>cli</c>.</summary>
    public string Actor { get; init; } = "cli";
}

/// <summary>The report of an export.</summary>
public sealed record CompletionExportReport
{
    /// <summary>Where the export went (file or HR bridge address).</summary>
    public required string Target { get; init; }

    /// <summary>Completions sent.</summary>
    public int Records { get; init; }

    /// <summary>Withdrawals (cancellations) sent.</summary>
    public int Withdrawals { get; init; }

    /// <summary>Records the HR bridge already had (a resumed export): acknowledged, not duplicated.</summary>
    public int AlreadyReceived { get; init; }

    /// <summary>Whether a file was written (an export with nothing new writes none).</summary>
    public bool FileWritten { get; init; }

    /// <summary>A previous export that had been interrupted after writing its file and was finalised by this run.</summary>
    public string? Finalized { get; init; }

    /// <summary>Whether the stored watermark moved (false for <see cref="CompletionExportOptions.Since"/> exports).</summary>
    public bool WatermarkMoved { get; init; }

    /// <summary>Why the export stopped before the end (HR bridge failure), or <see langword="null"/> when complete. What was acknowledged is kept.</summary>
    public string? Error { get; init; }
}

/// <summary>The export target already exists and was not written by an interrupted export.</summary>
public sealed class ExportTargetExistsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExportTargetExistsException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    public ExportTargetExistsException(string path)
        : base($"The file {path} already exists: HR has not collected the previous export, or choose another name.") => Path = path;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ExportTargetExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file.</summary>
    public string? Path { get; }
}

/// <summary>
/// Exports completions to HR incrementally: as a CSV training-history file, as xAPI statements, or pushed to the HR
/// bridge with idempotency keys. A stored watermark (per target) makes the next export send only what is new —
/// records, and withdrawals of records already sent. Files are written beside the target and renamed into place, the
/// watermark recorded before and after, so that a crash at any point resumes without a duplicate or a gap; pushes move
/// the watermark after each acknowledged batch and repeat the rest with the same keys.
/// </summary>
public class CompletionExportService
{
    private readonly ICompletionRepository completions;
    private readonly ICheckpointStore checkpoints;
    private readonly IOrganizationRepository organizations;
    private readonly TenantDefinitionService definitions;
    private readonly ITenantContext tenant;
    private readonly IAuditLog audit;
    private readonly ILogger<CompletionExportService> logger;

    /// <summary>Creates the service.</summary>
    /// <param name="completions">Completions.</param>
    /// <param name="checkpoints">Watermarks.</param>
    /// <param name="organizations">Organisation (provider name).</param>
    /// <param name="definitions">Definitions (module titles and durations).</param>
    /// <param name="tenant">The current tenant.</param>
    /// <param name="audit">Audit log.</param>
    /// <param name="logger">The logger.</param>
    public CompletionExportService(ICompletionRepository completions, ICheckpointStore checkpoints, IOrganizationRepository organizations, TenantDefinitionService definitions, ITenantContext tenant, IAuditLog audit, ILogger<CompletionExportService> logger)
    {
        this.completions = completions;
        this.checkpoints = checkpoints;
        this.organizations = organizations;
        this.definitions = definitions;
        this.tenant = tenant;
        this.audit = audit;
        this.logger = logger;
    }

    /// <summary>The watermark name of CSV exports.</summary>
    public const string CsvCheckpoint = "completions-export:csv";

    /// <summary>The watermark name of xAPI exports.</summary>
    public const string XapiCheckpoint = "completions-export:xapi";

    /// <summary>Exports the new completions and withdrawals as a CSV training-history file.</summary>
    /// <param name="path">The file to write (must not exist).</param>
    /// <param name="options">Layout, since.</param>
    /// <param name="cancellationToken">Cancels the operation (nothing is committed then).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ExportTargetExistsException">The file exists.</exception>
    public virtual Task<CompletionExportReport> ExportCsvAsync(string path, CompletionExportOptions options, CancellationToken cancellationToken = default) =>
        ExportFileAsync(path, CsvCheckpoint, options, WriteCsvAsync, cancellationToken);

    /// <summary>Exports the new completions as xAPI statements (a JSON array), withdrawals as voiding statements.</summary>
    /// <param name="path">The file to write (must not exist).</param>
    /// <param name="options">Home page and activity base, since.</param>
    /// <param name="cancellationToken">Cancels the operation (nothing is committed then).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ExportTargetExistsException">The file exists.</exception>
    public virtual Task<CompletionExportReport> ExportXapiAsync(string path, CompletionExportOptions options, CancellationToken cancellationToken = default) =>
        ExportFileAsync(path, XapiCheckpoint, options, WriteXapiAsync, cancellationToken);

    /// <summary>
    /// Pushes the new completions and withdrawals to the HR bridge, one training record per completion with the
    /// idempotency key <c>{tenant}:{record id}:recorded</c> (or <c>:withdrawn</c>); the watermark moves after each
    /// acknowledged batch. When the bridge fails after its retries the push stops, reports why, and the next run resumes.
    /// </summary>
    /// <param name="bridge">The HR bridge client.</param>
    /// <param name="options">Batch size, since.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    public virtual async Task<CompletionExportReport> PushToHrBridgeAsync(HrBridgeClient bridge, CompletionExportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(options);
        var tenantId = TenantGuard.Require(tenant);
        var name = "completions-export:hr-bridge:" + bridge.BaseAddress?.GetLeftPart(UriPartial.Path);
        var incremental = options.Since is null;
        var state = incremental ? await LoadAsync(name, cancellationToken).ConfigureAwait(false) : new ExportState();
        var context = await LoadContextAsync(options, cancellationToken).ConfigureAwait(false);
        int records = 0, withdrawals = 0, already = 0;
        string? error = null;
        try
        {
            await foreach (var batch in ReadBatchesAsync(state, options, context, cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in batch.Items)
                {
                    var record = ToTrainingRecord(item);
                    var key = $"{tenantId}:{item.Record.Id}:{record.Status}";
                    var (_, alreadyReceived) = await bridge.SendTrainingRecordAsync(record, key, cancellationToken).ConfigureAwait(false);
                    already += alreadyReceived ? 1 : 0;
                    if (item.Withdrawal)
                    {
                        withdrawals++;
                    }
                    else
                    {
                        records++;
                    }
                }

                if (incremental)
                {
                    state = batch.After;
                    await SaveAsync(name, state, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (HrBridgeException ex)
        {
            error = ex.Message;
            ExportLog.PushStopped(logger, bridge.BaseAddress?.ToString() ?? "?", records + withdrawals, ex.Message);
        }

        await audit.WriteAsync(options.Actor, "completions.export.hr-bridge", bridge.BaseAddress?.GetLeftPart(UriPartial.Authority),
            JsonSerializer.Serialize(new { records, withdrawals, alreadyReceived = already, error }), cancellationToken).ConfigureAwait(false);
        return new CompletionExportReport
        {
            Target = bridge.BaseAddress?.ToString() ?? "HR bridge",
            Records = records,
            Withdrawals = withdrawals,
            AlreadyReceived = already,
            WatermarkMoved = incremental && records + withdrawals > 0,
            Error = error,
        };
    }

    private async Task<CompletionExportReport> ExportFileAsync(
        string path, string checkpoint, CompletionExportOptions options, Func<Stream, IAsyncEnumerable<ExportItem>, CompletionExportOptions, ExportContext, CancellationToken, Task<int>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        path = Path.GetFullPath(path);
        var incremental = options.Since is null;
        var state = incremental ? await LoadAsync(checkpoint, cancellationToken).ConfigureAwait(false) : new ExportState();
        string? finalized = null;
        if (state.Pending is { } pending)
        {
            // An export was interrupted after recording what it was writing: finish it if its file is in place, else redo it.
            if (File.Exists(pending.Target) && !File.Exists(pending.TempFile))
            {
                finalized = pending.Target;
                state = pending.After;
            }
            else
            {
                File.Delete(pending.TempFile);
                state = state with { Pending = null };
            }

            await SaveAsync(checkpoint, state, cancellationToken).ConfigureAwait(false);
        }

        if (File.Exists(path))
        {
            if (finalized == path)
            {
                return new CompletionExportReport { Target = path, Finalized = finalized, WatermarkMoved = true };
            }

            throw new ExportTargetExistsException(path);
        }

        var context = await LoadContextAsync(options, cancellationToken).ConfigureAwait(false);
        var temp = path + ".partial";
        var after = state;
        int records = 0, withdrawals = 0;
        async IAsyncEnumerable<ExportItem> Items()
        {
            await foreach (var batch in ReadBatchesAsync(state, options, context, cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in batch.Items)
                {
                    if (item.Withdrawal)
                    {
                        withdrawals++;
                    }
                    else
                    {
                        records++;
                    }

                    yield return item;
                }

                after = batch.After;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await write(file, Items(), options, context, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        if (records + withdrawals == 0)
        {
            File.Delete(temp);
            return new CompletionExportReport { Target = path, Finalized = finalized, WatermarkMoved = finalized is not null };
        }

        if (incremental)
        {
            await SaveAsync(checkpoint, state with { Pending = new PendingExport(path, temp, after with { Pending = null }) }, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path);
        if (incremental)
        {
            await SaveAsync(checkpoint, after with { Pending = null }, cancellationToken).ConfigureAwait(false);
        }

        await audit.WriteAsync(options.Actor, checkpoint == CsvCheckpoint ? "completions.export.csv" : "completions.export.xapi", Path.GetFileName(path),
            JsonSerializer.Serialize(new { records, withdrawals, incremental }), CancellationToken.None).ConfigureAwait(false);
        ExportLog.Exported(logger, path, records, withdrawals);
        return new CompletionExportReport { Target = path, Records = records, Withdrawals = withdrawals, FileWritten = true, Finalized = finalized, WatermarkMoved = incremental };
    }

    /// <summary>
    /// Reads what to send after <paramref name="state"/>, in batches, each with the watermark to store once it is sent:
    /// first every record stored after the position (withdrawn ones too: HR gets the record, then its cancellation),
    /// then the withdrawals of records already sent, in withdrawal order. A since-export reads the records stored since
    /// the date and no withdrawal.
    /// </summary>
    private async IAsyncEnumerable<ExportBatch> ReadBatchesAsync(ExportState state, CompletionExportOptions options, ExportContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var size = Math.Clamp(options.BatchSize, 1, PageRequest.MaxPageSize);
        var position = state.Position;
        while (true)
        {
            var page = await completions.ListAfterAsync(position, size, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            position = page[^1].Position;
            var items = page.Where(r => options.Since is not { } since || r.RecordedAt >= since).Select(r => context.Item(r, withdrawal: false)).ToArray();
            state = state with { Position = position };
            yield return new ExportBatch(items, state);
        }

        if (options.Since is not null)
        {
            yield break;
        }

        var withdrawn = await completions.ListWithdrawnAfterAsync(state.WithdrawnAt ?? DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false);
        var pending = new List<ExportItem>();
        foreach (var record in withdrawn)
        {
            if (record.Position > position)
            {
                // Stored after this run's read: its record goes out next time, and its withdrawal after it.
                break;
            }

            pending.Add(context.Item(record, withdrawal: true));
            state = state with { WithdrawnAt = record.WithdrawnAt };
            if (pending.Count == size)
            {
                yield return new ExportBatch(pending.ToArray(), state);
                pending.Clear();
            }
        }

        if (pending.Count > 0)
        {
            yield return new ExportBatch(pending.ToArray(), state);
        }
    }

    private static async Task<int> WriteCsvAsync(Stream stream, IAsyncEnumerable<ExportItem> items, CompletionExportOptions options, ExportContext context, CancellationToken cancellationToken)
    {
        var layout = options.Layout;
        var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        await using (writer.ConfigureAwait(false))
        {
            var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = layout.Separator, NewLine = "\r\n" });
            await using (csv.ConfigureAwait(false))
            {
                foreach (var column in layout.Columns)
                {
                    csv.WriteField(column.Header);
                }

                await csv.NextRecordAsync().ConfigureAwait(false);
                var count = 0;
                await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    foreach (var column in layout.Columns)
                    {
                        csv.WriteField(layout.Format(column.Field, item) ?? string.Empty);
                    }

                    await csv.NextRecordAsync().ConfigureAwait(false);
                    count++;
                }

                await csv.FlushAsync().ConfigureAwait(false);
                return count;
            }
        }
    }

    private static async Task<int> WriteXapiAsync(Stream stream, IAsyncEnumerable<ExportItem> items, CompletionExportOptions options, ExportContext context, CancellationToken cancellationToken)
    {
        var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = XapiStatementWriter.JsonOptions.Encoder });
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartArray();
            var count = 0;
            await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var id = Guid.Parse(item.Record.Id);
                var statement = item.Withdrawal
                    ? XapiStatementWriter.Voiding(id, context.AccountHomePage, context.TenantId, item.Record.WithdrawnAt ?? item.Record.RecordedAt)
                    : XapiStatementWriter.FromCompletion(id, item.Record.Completion, context.AccountHomePage, context.ActivityBase, item.Title);
                JsonSerializer.Serialize(json, statement, XapiStatementWriter.JsonOptions);
                count++;
                if (count % 100 == 0)
                {
                    await json.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            json.WriteEndArray();
            await json.FlushAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }

    private static HrTrainingRecord ToTrainingRecord(ExportItem item)
    {
        var completion = item.Record.Completion;
        return new HrTrainingRecord
        {
            RecordId = item.Record.Id,
            EmployeeNumber = completion.EmployeeNumber,
            ModuleId = completion.ModuleId,
            Title = item.Title?.Fr ?? completion.ModuleId,
            StartDate = completion.Date,
            EndDate = completion.Date,
            DurationHours = item.DurationHours,
            Provider = item.Provider,
            DeliveryMode = completion.DeliveryMode switch
            {
                DeliveryMode.InPerson => "in-person",
                DeliveryMode.Remote => "remote",
                DeliveryMode.ELearning => "e-learning",
                DeliveryMode.Workshop => "workshop",
                _ => null,
            },
            Outcome = completion.Outcome.ToString().ToLowerInvariant(),
            Score = completion.Score,
            Status = item.Withdrawal ? "withdrawn" : "recorded",
        };
    }

    private async Task<ExportContext> LoadContextAsync(CompletionExportOptions options, CancellationToken cancellationToken)
    {
        var tenantId = TenantGuard.Require(tenant);
        var current = await definitions.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var organization = await organizations.GetAsync(cancellationToken).ConfigureAwait(false);
        var modules = current.Set.Curriculum.Modules.ToDictionary(m => m.Id, StringComparer.Ordinal);
        return new ExportContext(
            tenantId,
            modules,
            options.Layout.Provider ?? organization?.Name ?? tenantId,
            options.AccountHomePage ?? $"https://ailiteracy.example/agents/{Uri.EscapeDataString(tenantId)}",
            options.ActivityBase ?? "https://ailiteracy.example/modules/");
    }

    private async Task<ExportState> LoadAsync(string name, CancellationToken cancellationToken) =>
        await checkpoints.GetAsync(name, cancellationToken).ConfigureAwait(false) is { } stored
            ? JsonSerializer.Deserialize<ExportState>(stored.State) ?? new ExportState()
            : new ExportState();

    private Task SaveAsync(string name, ExportState state, CancellationToken cancellationToken) =>
        checkpoints.SetAsync(name, JsonSerializer.Serialize(state), cancellationToken);

    /// <summary>The watermark of an export target.</summary>
    /// <param name="Position">The position of the last record sent.</param>
    /// <param name="WithdrawnAt">The withdrawal time of the last withdrawal sent.</param>
    /// <param name="Pending">A file export in progress.</param>
    private sealed record ExportState(long Position = 0, DateTimeOffset? WithdrawnAt = null, PendingExport? Pending = null);

    /// <summary>A file being written: where, and the watermark once it is in place.</summary>
    private sealed record PendingExport(string Target, string TempFile, ExportState After);

    private sealed record ExportBatch(IReadOnlyList<ExportItem> Items, ExportState After);

    private sealed record ExportContext(string TenantId, IReadOnlyDictionary<string, Module> Modules, string Provider, string AccountHomePage, string ActivityBase)
    {
        public ExportItem Item(CompletionRecord record, bool withdrawal) =>
            Modules.TryGetValue(record.Completion.ModuleId, out var module)
                ? new ExportItem(record, withdrawal, module.Title, module.DurationHours, Provider)
                : new ExportItem(record, withdrawal, null, null, Provider);
    }
}

/// <summary>Log messages of the exports.</summary>
internal static partial class ExportLog
{
    [LoggerMessage(EventId = 5121, Level = LogLevel.Information, Message = "Exported {Records} completions and {Withdrawals} withdrawals to {Target}")]
    public static partial void Exported(ILogger logger, string target, int records, int withdrawals);

    [LoggerMessage(EventId = 5122, Level = LogLevel.Warning, Message = "Push to the HR bridge {Target} stopped after {Sent} records: {Reason}")]
    public static partial void PushStopped(ILogger logger, string target, int sent, string reason);
}
