namespace AiLiteracy.Client.Models;

/// <summary>A recorded completion of a module.</summary>
public sealed record CompletionView
{
    /// <summary>The server's id of the completion.</summary>
    public required string Id { get; init; }

    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>Module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>Module version followed.</summary>
    public required int ModuleVersion { get; init; }

    /// <summary>Date of the completion.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Outcome: completed, passed, failed.</summary>
    public required CompletionOutcome Outcome { get; init; }

    /// <summary>Score out of 100, when assessed.</summary>
    public decimal? Score { get; init; }

    /// <summary>Delivery mode, when known.</summary>
    public DeliveryMode? DeliveryMode { get; init; }

    /// <summary>Where the completion came from.</summary>
    public required CompletionSource Source { get; init; }

    /// <summary>Link to the evidence (certificate, LMS record).</summary>
    public string? EvidenceUrl { get; init; }

    /// <summary>The sender's id, which makes recording idempotent.</summary>
    public string? ExternalId { get; init; }

    /// <summary>When the server recorded it.</summary>
    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A completion to record (<c>POST /completions</c>); idempotent on <see cref="ExternalId"/>.</summary>
public sealed record CompletionInput
{
    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>Module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>Module version followed; the current version on the server when absent.</summary>
    public int? ModuleVersion { get; init; }

    /// <summary>Date of the completion.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Outcome; completed when absent (failed when a score is below the pass mark).</summary>
    public CompletionOutcome? Outcome { get; init; }

    /// <summary>Score out of 100, when assessed.</summary>
    public decimal? Score { get; init; }

    /// <summary>Delivery mode.</summary>
    public DeliveryMode? DeliveryMode { get; init; }

    /// <summary>Where the completion comes from; <c>api</c> when absent.</summary>
    public CompletionSource? Source { get; init; }

    /// <summary>Link to the evidence.</summary>
    public string? EvidenceUrl { get; init; }

    /// <summary>The sender's id: recording the same id twice returns the first record.</summary>
    public string? ExternalId { get; init; }
}

/// <summary>The outcome of one item of a completion batch.</summary>
public sealed record BatchItemResult
{
    /// <summary>The item's index in the batch.</summary>
    public required int Index { get; init; }

    /// <summary><c>created</c>, <c>existing</c> or <c>rejected</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The recorded completion, unless rejected.</summary>
    public CompletionView? Completion { get; init; }

    /// <summary>Why the item was rejected, with JSON paths into the batch.</summary>
    public IReadOnlyList<InputError> Errors { get; init; } = [];
}

/// <summary>The outcome of a completion batch (<c>POST /completions/batch</c>).</summary>
public sealed record BatchResult
{
    /// <summary>Completions created.</summary>
    public required int Created { get; init; }

    /// <summary>Completions already recorded (same external id).</summary>
    public required int Existing { get; init; }

    /// <summary>Items rejected.</summary>
    public required int Rejected { get; init; }

    /// <summary>One result per item, in order.</summary>
    public IReadOnlyList<BatchItemResult> Items { get; init; } = [];
}

/// <summary>Filters of the completions list. Every filter is optional.</summary>
public sealed record CompletionListQuery
{
    /// <summary>Only completions recorded at or after this time.</summary>
    [Refit.AliasAs("since")]
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only completions of this agent.</summary>
    [Refit.AliasAs("employeeNumber")]
    public string? EmployeeNumber { get; init; }

    /// <summary>Only completions of this module.</summary>
    [Refit.AliasAs("moduleId")]
    public string? ModuleId { get; init; }

    /// <summary>Items per page (server default 100, maximum 1,000).</summary>
    [Refit.AliasAs("pageSize")]
    public int? PageSize { get; init; }

    /// <summary>The continuation token of the page to read (taken from <c>nextLink</c>).</summary>
    [Refit.AliasAs("continuationToken")]
    public string? ContinuationToken { get; init; }
}

/// <summary>The completions recorded after a watermark (the connector's polling trigger).</summary>
public sealed record CompletionFeed
{
    /// <summary>The completions, in recording order.</summary>
    public IReadOnlyList<CompletionView> Value { get; init; } = [];

    /// <summary>The watermark to pass as <c>since</c> next time.</summary>
    public required DateTimeOffset Watermark { get; init; }
}
