using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>A proposed use of an AI tool, as an agent describes it.</summary>
public sealed record UsageRequest
{
    /// <summary>The tool registry id of the tool the agent wants to use.</summary>
    public required string ToolId { get; init; }

    /// <summary>The most sensitive class of data put into the tool.</summary>
    public required DataClass DataClass { get; init; }

    /// <summary>What the agent wants to do, in their words; recorded with the decision, not interpreted.</summary>
    public string? Purpose { get; init; }

    /// <summary>Whether the output will be published outside the authority (web site, social media, letters to the public).</summary>
    public bool PublishedExternally { get; init; }

    /// <summary>Whether the output feeds a decision about an individual (benefit, recruitment, sanction, permit…).</summary>
    public bool InvolvesIndividualDecision { get; init; }

    /// <summary>Whether the output is used (kept, sent, published or acted on), which calls for human review. Default: <see langword="true"/>.</summary>
    public bool OutputUsed { get; init; } = true;
}

/// <summary>The decision on a proposed use.</summary>
public enum UsageOutcome
{
    /// <summary>The use is allowed as described.</summary>
    Allowed,
    /// <summary>The use is allowed provided the listed conditions are met.</summary>
    AllowedWithConditions,
    /// <summary>The use is refused.</summary>
    Refused,
}

/// <summary>A condition attached to an allowed use.</summary>
public enum UsageConditionKind
{
    /// <summary>A person reviews the output before it is used or published.</summary>
    HumanReview,
    /// <summary>Content published to the public is labelled as AI-generated.</summary>
    Labelling,
    /// <summary>Personal data is anonymised or pseudonymised before it is put into the tool.</summary>
    Anonymise,
}

/// <summary>Why a use is refused.</summary>
public enum UsageReasonCode
{
    /// <summary>The tool is not in the charter's tool registry.</summary>
    ToolUnknown,
    /// <summary>The tool is forbidden.</summary>
    ToolForbidden,
    /// <summary>The data class is above the tool's highest allowed class.</summary>
    DataClassAboveToolLimit,
    /// <summary>Sensitive data (GDPR art. 9) in a tool not approved for it.</summary>
    SensitiveDataNotAllowed,
    /// <summary>Non-public data in a tool that is only tolerated.</summary>
    ToleratedToolNonPublicData,
    /// <summary>The agent is not cleared for the tool (training or charter acknowledgement missing).</summary>
    AgentNotCleared,
    /// <summary>The output would feed an individual decision, which the charter forbids to automate.</summary>
    AutomatedIndividualDecision,
}

/// <summary>A condition of an allowed use, citing the charter rules it comes from.</summary>
/// <param name="Kind">The condition.</param>
/// <param name="Message">The user-facing text, in French and English.</param>
/// <param name="RuleIds">The charter rule ids cited; empty when the charter has no such rule and the condition comes from the law (AI Act art. 50 transparency, GDPR art. 22).</param>
public sealed record UsageCondition(UsageConditionKind Kind, LocalizedText Message, IReadOnlyList<string> RuleIds);

/// <summary>A reason for refusing a use, citing the charter rules it comes from.</summary>
/// <param name="Code">What the reason says.</param>
/// <param name="Message">The user-facing text, in French and English.</param>
/// <param name="RuleIds">The charter rule ids cited (empty when the charter has no rule of the kind concerned).</param>
/// <param name="ModuleId">The module concerned, for training reasons.</param>
public sealed record UsageReason(UsageReasonCode Code, LocalizedText Message, IReadOnlyList<string> RuleIds, string? ModuleId = null);

/// <summary>The decision on a proposed use of an AI tool.</summary>
public sealed record UsageDecision
{
    /// <summary>The request decided.</summary>
    public required UsageRequest Request { get; init; }

    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The decision.</summary>
    public required UsageOutcome Outcome { get; init; }

    /// <summary>The tool, or <see langword="null"/> when the registry does not know it.</summary>
    public AiTool? Tool { get; init; }

    /// <summary>Conditions of an allowed use; empty when refused.</summary>
    public IReadOnlyList<UsageCondition> Conditions { get; init; } = [];

    /// <summary>Reasons of a refusal; empty when allowed.</summary>
    public IReadOnlyList<UsageReason> Reasons { get; init; } = [];

    /// <summary>Whether the use is allowed (with or without conditions).</summary>
    public bool IsAllowed => Outcome != UsageOutcome.Refused;

    /// <summary>Every charter rule id the decision cites, in order of first citation.</summary>
    public IReadOnlyList<string> CitedRuleIds =>
        [.. Reasons.SelectMany(r => r.RuleIds).Concat(Conditions.SelectMany(c => c.RuleIds)).Distinct(StringComparer.Ordinal)];
}
