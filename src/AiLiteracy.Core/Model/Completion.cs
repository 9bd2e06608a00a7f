namespace AiLiteracy.Model;

/// <summary>The outcome of a module completion.</summary>
public enum CompletionOutcome
{
    /// <summary>Attended or completed (no assessment, or not scored).</summary>
    Completed,
    /// <summary>Assessed and passed.</summary>
    Passed,
    /// <summary>Assessed and failed.</summary>
    Failed,
}

/// <summary>Where a completion came from.</summary>
public enum CompletionSource
{
    /// <summary>A learning management system.</summary>
    Lms,
    /// <summary>A CSV flat file (HR, LMS or CNFPT attestations).</summary>
    Csv,
    /// <summary>An xAPI statement.</summary>
    Xapi,
    /// <summary>The API (Power Automate flow, quiz…).</summary>
    Api,
    /// <summary>Entered by hand.</summary>
    Manual,
}

/// <summary>A module followed by an agent (<i>attestation de formation</i>).</summary>
public sealed record Completion
{
    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The module id.</summary>
    public required string ModuleId { get; init; }

    /// <summary>The module version followed.</summary>
    public int ModuleVersion { get; init; } = 1;

    /// <summary>Date of completion.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Outcome.</summary>
    public CompletionOutcome Outcome { get; init; } = CompletionOutcome.Completed;

    /// <summary>Score out of 100, when assessed.</summary>
    public decimal? Score { get; init; }

    /// <summary>How the module was delivered.</summary>
    public DeliveryMode? DeliveryMode { get; init; }

    /// <summary>Where the record came from.</summary>
    public CompletionSource Source { get; init; } = CompletionSource.Api;

    /// <summary>Link to the evidence (attestation, LMS record).</summary>
    public string? EvidenceUrl { get; init; }

    /// <summary>Identifier in the source system, for idempotency.</summary>
    public string? ExternalId { get; init; }
}
