using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>What a <see cref="ClearanceReason"/> says.</summary>
public enum ClearanceReasonCode
{
    /// <summary>The agent is on leave or left: no clearance.</summary>
    AgentNotActive,
    /// <summary>A required module was never completed.</summary>
    ModuleMissing,
    /// <summary>A required module expired.</summary>
    ModuleExpired,
    /// <summary>A required module was failed and not passed since.</summary>
    ModuleFailed,
    /// <summary>A required module is missing and blocked by a prerequisite.</summary>
    ModuleBlocked,
    /// <summary>The agent never acknowledged the charter.</summary>
    CharterNotAcknowledged,
    /// <summary>The agent acknowledged an older charter version only.</summary>
    CharterAcknowledgementOutdated,
    /// <summary>The tool is not in the charter's tool registry.</summary>
    ToolUnknown,
    /// <summary>The tool is forbidden by the charter.</summary>
    ToolForbidden,
    /// <summary>A module the tool requires before access is not valid.</summary>
    ToolModuleNotDone,
}

/// <summary>
/// Why an agent is not cleared, citing the module and the charter rule concerned. The reason is data; the French
/// and English text is rendered on demand by <see cref="Message"/>.
/// </summary>
public sealed record ClearanceReason
{
    /// <summary>What the reason says.</summary>
    public required ClearanceReasonCode Code { get; init; }

    /// <summary>The module concerned, for training reasons.</summary>
    public string? ModuleId { get; init; }

    /// <summary>
    /// The charter rule cited (kind <see cref="CharterRuleKind.TrainingBeforeAccess"/> for training,
    /// <see cref="CharterRuleKind.Acknowledgement"/> for the acknowledgement, <see cref="CharterRuleKind.ApprovedToolsOnly"/>
    /// for tools), or <see langword="null"/> when the charter has no rule of that kind.
    /// </summary>
    public string? RuleId { get; init; }

    /// <summary>The expiry date, for <see cref="ClearanceReasonCode.ModuleExpired"/>.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The prerequisites not done, for <see cref="ClearanceReasonCode.ModuleBlocked"/>.</summary>
    public IReadOnlyList<string> Prerequisites { get; init; } = [];

    /// <summary>The tool id, for tool reasons.</summary>
    public string? ToolId { get; init; }

    /// <summary>The tool, for tool reasons when the registry knows it.</summary>
    public AiTool? Tool { get; init; }

    /// <summary>The charter version required, for acknowledgement reasons.</summary>
    public int? CharterVersion { get; init; }

    /// <summary>The highest charter version acknowledged, for <see cref="ClearanceReasonCode.CharterAcknowledgementOutdated"/>.</summary>
    public int? AcknowledgedVersion { get; init; }

    /// <summary>The agent's status, for <see cref="ClearanceReasonCode.AgentNotActive"/>.</summary>
    public EmploymentStatus? Status { get; init; }

    /// <summary>The user-facing text, in French and English.</summary>
    public LocalizedText Message => ClearanceReasons.Render(this);
}

/// <summary>
/// Whether an agent is cleared (<i>habilité</i>) to use the charter's approved AI tools, and why not.
/// </summary>
public sealed record Clearance
{
    /// <summary>The agent.</summary>
    public required Agent Agent { get; init; }

    /// <summary>The agent's employee number.</summary>
    public string EmployeeNumber => Agent.EmployeeNumber;

    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Whether the agent is cleared.</summary>
    public required bool IsCleared { get; init; }

    /// <summary>The requirements the clearance was decided on.</summary>
    public required AgentRequirements Requirements { get; init; }

    /// <summary>The current charter version.</summary>
    public required int CharterVersion { get; init; }

    /// <summary>The highest charter version the agent acknowledged, when any.</summary>
    public int? AcknowledgedCharterVersion { get; init; }

    /// <summary>Why the agent is not cleared; empty when cleared.</summary>
    public IReadOnlyList<ClearanceReason> Reasons { get; init; } = [];
}

/// <summary>Whether an agent is cleared to use one tool of the registry, and why not.</summary>
public sealed record ToolClearance
{
    /// <summary>The agent's employee number.</summary>
    public required string EmployeeNumber { get; init; }

    /// <summary>The tool id asked for.</summary>
    public required string ToolId { get; init; }

    /// <summary>The tool, or <see langword="null"/> when the registry does not know it.</summary>
    public AiTool? Tool { get; init; }

    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Whether the agent is cleared for the tool.</summary>
    public required bool IsCleared { get; init; }

    /// <summary>The agent's general clearance the decision builds on.</summary>
    public required Clearance Clearance { get; init; }

    /// <summary>Why the agent is not cleared for the tool (general reasons first); empty when cleared.</summary>
    public IReadOnlyList<ClearanceReason> Reasons { get; init; } = [];
}
