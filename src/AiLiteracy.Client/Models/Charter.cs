namespace AiLiteracy.Client.Models;

/// <summary>An agent's acknowledgement of the AI charter (<c>POST /acknowledgements</c>).</summary>
public sealed record AcknowledgementInput
{
    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The charter version acknowledged; the current version when absent.</summary>
    public int? CharterVersion { get; init; }

    /// <summary>Date of acknowledgement; today on the server when absent.</summary>
    public DateOnly? Date { get; init; }
}

/// <summary>A recorded acknowledgement.</summary>
public sealed record AcknowledgementResult
{
    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The charter version acknowledged.</summary>
    public required int CharterVersion { get; init; }

    /// <summary>Date of acknowledgement.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Whether it was created now (<see langword="false"/>: it was already recorded).</summary>
    public required bool Created { get; init; }
}

/// <summary>A proposed use of an AI tool to check against the charter (<c>POST /usage-checks</c>).</summary>
public sealed record UsageCheckInput
{
    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The tool's id in the tool registry.</summary>
    public required string ToolId { get; init; }

    /// <summary>The most sensitive class of data the use involves.</summary>
    public required DataClass DataClass { get; init; }

    /// <summary>What the tool is used for, in plain words.</summary>
    public string? Purpose { get; init; }

    /// <summary>Whether the output is published outside the authority.</summary>
    public bool PublishedExternally { get; init; }

    /// <summary>Whether the use contributes to an individual decision about a person.</summary>
    public bool InvolvesIndividualDecision { get; init; }
}

/// <summary>A condition attached to an allowed use (human review, labelling, anonymisation).</summary>
public sealed record UsageConditionView
{
    /// <summary>The condition.</summary>
    public required UsageConditionKind Kind { get; init; }

    /// <summary>The message, in French and English.</summary>
    public required LocalizedText Message { get; init; }

    /// <summary>The charter rules cited.</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];
}

/// <summary>Why a use is refused.</summary>
public sealed record UsageReasonView
{
    /// <summary>A stable code.</summary>
    public required UsageReasonCode Code { get; init; }

    /// <summary>The message, in French and English.</summary>
    public required LocalizedText Message { get; init; }

    /// <summary>The charter rules cited.</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];

    /// <summary>The module to take, when the reason is missing training.</summary>
    public string? ModuleId { get; init; }
}

/// <summary>The decision on a proposed use: allowed, allowed with conditions, or refused, citing charter rules.</summary>
public sealed record UsageDecisionView
{
    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The tool's id.</summary>
    public required string ToolId { get; init; }

    /// <summary>Evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The outcome.</summary>
    public required UsageOutcome Outcome { get; init; }

    /// <summary>Whether the use is allowed (with or without conditions).</summary>
    public required bool IsAllowed { get; init; }

    /// <summary>Conditions of an allowed use.</summary>
    public IReadOnlyList<UsageConditionView> Conditions { get; init; } = [];

    /// <summary>Reasons of a refusal.</summary>
    public IReadOnlyList<UsageReasonView> Reasons { get; init; } = [];

    /// <summary>Every charter rule cited.</summary>
    public IReadOnlyList<string> RuleIds { get; init; } = [];
}
