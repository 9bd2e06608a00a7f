using System.Text.Json;
using AiLiteracy.Entra.Graph;
using AiLiteracy.Groups;
using AiLiteracy.Ports;

namespace AiLiteracy.Entra.Sync;

/// <summary>One applied membership change, as written to the audit log.</summary>
public sealed record GroupSyncAuditRecord
{
    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>When the change was confirmed by Graph.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Who triggered the run.</summary>
    public required string Actor { get; init; }

    /// <summary>The group's object id.</summary>
    public required string GroupId { get; init; }

    /// <summary>The user's object id.</summary>
    public required string UserId { get; init; }

    /// <summary>The agent's employee number, when matched.</summary>
    public string? EmployeeNumber { get; init; }

    /// <summary>Add or remove.</summary>
    public required GroupChangeKind Kind { get; init; }

    /// <summary>Applied, already in effect, or failed.</summary>
    public required GroupChangeOutcome Outcome { get; init; }

    /// <summary>The reason code.</summary>
    public required GroupChangeReasonCode ReasonCode { get; init; }

    /// <summary>The reason (French).</summary>
    public required string Reason { get; init; }

    /// <summary>The Graph request id (with the batch item id).</summary>
    public string? GraphRequestId { get; init; }

    /// <summary>Graph's error, for failed changes.</summary>
    public string? Error { get; init; }

    internal static GroupSyncAuditRecord From(string runId, string actor, GroupChangeResult result) => new()
    {
        RunId = runId,
        OccurredAt = result.At,
        Actor = actor,
        GroupId = result.Change.GroupId,
        UserId = result.Change.UserId,
        EmployeeNumber = result.Change.EmployeeNumber,
        Kind = result.Change.Kind,
        Outcome = result.Outcome,
        ReasonCode = result.Change.Reason.Code,
        Reason = result.Change.Reason.Message.Fr,
        GraphRequestId = result.GraphRequestId,
        Error = result.Error,
    };
}

/// <summary>Where the sync writes every change it applied (or that Graph refused).</summary>
public interface IGroupSyncAuditSink
{
    /// <summary>Writes records; called once per batch, as soon as Graph answered.</summary>
    /// <param name="records">The records.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A task.</returns>
    Task WriteAsync(IReadOnlyList<GroupSyncAuditRecord> records, CancellationToken cancellationToken = default);
}

/// <summary>Writes to the SDK's <see cref="IAuditLog"/>: action <c>entra.group.add</c> or <c>entra.group.remove</c>, target the group and user ids, details as JSON.</summary>
/// <param name="auditLog">The audit log of the current tenant.</param>
public sealed class AuditLogGroupSyncAuditSink(IAuditLog auditLog) : IGroupSyncAuditSink
{
    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<GroupSyncAuditRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            var action = record.Kind == GroupChangeKind.Add ? "entra.group.add" : "entra.group.remove";
            var details = JsonSerializer.Serialize(
                new
                {
                    record.RunId,
                    record.GroupId,
                    record.UserId,
                    record.EmployeeNumber,
                    outcome = record.Outcome,
                    reasonCode = record.ReasonCode,
                    record.Reason,
                    record.GraphRequestId,
                    record.Error,
                    confirmedAt = record.OccurredAt,
                },
                AiLiteracyJson.Compact);
            await auditLog.WriteAsync(record.Actor, action, $"{record.GroupId}/{record.UserId}", details, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Appends records to a JSON Lines file (one JSON object per line), flushed after each batch.</summary>
/// <param name="path">The file path.</param>
public sealed class JsonLinesGroupSyncAuditSink(string path) : IGroupSyncAuditSink
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>The file path.</summary>
    public string Path { get; } = path ?? throw new ArgumentNullException(nameof(path));

    /// <inheritdoc />
    public async Task WriteAsync(IReadOnlyList<GroupSyncAuditRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var text = new System.Text.StringBuilder();
        foreach (var record in records)
        {
            text.Append(JsonSerializer.Serialize(record, AiLiteracyJson.Compact)).Append('\n');
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            // Not cancellable: a record of a change Graph applied must not be lost half-written.
            await File.AppendAllTextAsync(Path, text.ToString(), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>Keeps records in memory (tests, hosts that read them after the run).</summary>
public sealed class InMemoryGroupSyncAuditSink : IGroupSyncAuditSink
{
    private readonly List<GroupSyncAuditRecord> records = [];

    /// <summary>The records written so far.</summary>
    public IReadOnlyList<GroupSyncAuditRecord> Records
    {
        get
        {
            lock (records)
            {
                return [.. records];
            }
        }
    }

    /// <inheritdoc />
    public Task WriteAsync(IReadOnlyList<GroupSyncAuditRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (this.records)
        {
            this.records.AddRange(records);
        }

        return Task.CompletedTask;
    }
}
