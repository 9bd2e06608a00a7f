using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>The state of a required module for one agent.</summary>
public enum RequirementState
{
    /// <summary>A valid completion exists and does not expire within the expiring-soon window.</summary>
    Done,
    /// <summary>A valid completion exists but expires within <see cref="EngineOptions.ExpiringSoonDays"/>: still valid, a refresh is due.</summary>
    ExpiringSoon,
    /// <summary>No completion counts and every prerequisite is done.</summary>
    Missing,
    /// <summary>The latest valid completion is older than the module's validity.</summary>
    Expired,
    /// <summary>The latest attempt failed and no valid completion exists; counts as missing for clearance.</summary>
    Failed,
    /// <summary>Missing, and a prerequisite is not done: the agent cannot take the module yet.</summary>
    Blocked,
}

/// <summary>Why a module is required of an agent.</summary>
public enum RequirementBasis
{
    /// <summary>A common-core module every active agent takes (elected officials included unless its audience says otherwise).</summary>
    CommonCore,
    /// <summary>A job module for the agent's job family.</summary>
    JobFamily,
    /// <summary>A referent, elected or manager track module for a role the agent holds.</summary>
    Role,
}

/// <summary>What a <see cref="RequirementReason"/> says.</summary>
public enum RequirementReasonCode
{
    /// <summary>Common core: required of every agent.</summary>
    RequiredForEveryone,
    /// <summary>Job module of the agent's job family.</summary>
    RequiredForJobFamily,
    /// <summary>Track module of a role the agent holds.</summary>
    RequiredForRole,
    /// <summary>The module was never completed (or no completion counts).</summary>
    NotCompleted,
    /// <summary>A completion exists for a version below the module's minimum version; it does not count.</summary>
    VersionBelowMinimum,
    /// <summary>The latest attempt has a failed outcome.</summary>
    AttemptFailed,
    /// <summary>The latest attempt scored below the module's pass mark.</summary>
    ScoreBelowPassMark,
    /// <summary>The latest valid completion expired.</summary>
    Expired,
    /// <summary>The latest valid completion expires soon.</summary>
    ExpiringSoon,
    /// <summary>A prerequisite is not done.</summary>
    PrerequisiteNotDone,
}

/// <summary>
/// One reason attached to a requirement, as data (code, module, related id, date, completion); the French and English
/// text is rendered on demand by <see cref="Message"/>, so evaluating thousands of agents formats no text.
/// </summary>
public sealed record RequirementReason
{
    /// <summary>What the reason says.</summary>
    public required RequirementReasonCode Code { get; init; }

    /// <summary>The required module the reason is about.</summary>
    public required Module Module { get; init; }

    /// <summary>The job family (<see cref="RequirementReasonCode.RequiredForJobFamily"/>) or the prerequisite module
    /// (<see cref="RequirementReasonCode.PrerequisiteNotDone"/>) the reason refers to.</summary>
    public string? RelatedId { get; init; }

    /// <summary>The expiry date, for <see cref="RequirementReasonCode.Expired"/> and <see cref="RequirementReasonCode.ExpiringSoon"/>.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The completion concerned, for <see cref="RequirementReasonCode.AttemptFailed"/>,
    /// <see cref="RequirementReasonCode.ScoreBelowPassMark"/> and <see cref="RequirementReasonCode.VersionBelowMinimum"/>.</summary>
    public Completion? Completion { get; init; }

    /// <summary>The user-facing text, in French and English.</summary>
    public LocalizedText Message => RequirementReasons.Render(this);
}

/// <summary>A module required of an agent and where the agent stands.</summary>
public sealed record ModuleRequirement
{
    /// <summary>The module.</summary>
    public required Module Module { get; init; }

    /// <summary>The module id.</summary>
    public string ModuleId => Module.Id;

    /// <summary>Why the module is required.</summary>
    public required RequirementBasis Basis { get; init; }

    /// <summary>The state.</summary>
    public required RequirementState State { get; init; }

    /// <summary>The latest completion that counts (outcome completed or passed, score at or above the pass mark, version at or above the minimum), expired or not.</summary>
    public Completion? LastValidCompletion { get; init; }

    /// <summary>The latest failed attempt (failed outcome or score below the pass mark), when any.</summary>
    public Completion? LastFailedAttempt { get; init; }

    /// <summary>Expiry date of <see cref="LastValidCompletion"/> (completion date plus the module's validity); <see langword="null"/> when it never expires or there is none.</summary>
    public DateOnly? ExpiresOn { get; init; }

    /// <summary>
    /// Date by which the agent must (re)take the module: the expiry date when a valid or expired completion exists
    /// (<see langword="null"/> when it never expires); otherwise the end of the newcomer period when still running,
    /// else the evaluation date (due now).
    /// </summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>Prerequisite module ids not done, for <see cref="RequirementState.Blocked"/>.</summary>
    public IReadOnlyList<string> BlockingPrerequisites { get; init; } = [];

    /// <summary>Reasons: first why the module is required, then what explains the state.</summary>
    public IReadOnlyList<RequirementReason> Reasons { get; init; } = [];

    /// <summary>Whether the requirement is met (<see cref="RequirementState.Done"/> or <see cref="RequirementState.ExpiringSoon"/>).</summary>
    public bool IsValid => State.IsValid();

    /// <summary>Whether the agent needs training (<see cref="RequirementState.Missing"/>, <see cref="RequirementState.Expired"/>, <see cref="RequirementState.Failed"/> or <see cref="RequirementState.Blocked"/>).</summary>
    public bool NeedsTraining => State.NeedsTraining();
}

/// <summary>The required modules of one agent on a date.</summary>
public sealed record AgentRequirements
{
    /// <summary>The agent.</summary>
    public required Agent Agent { get; init; }

    /// <summary>The evaluation date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Whether the agent is planned for training: only active agents are; agents on leave or who left have no requirement.</summary>
    public bool IsPlanned => Agent.Status == EmploymentStatus.Active;

    /// <summary>The required modules in curriculum order; empty when the agent is not <see cref="IsPlanned"/>.</summary>
    public required IReadOnlyList<ModuleRequirement> Requirements { get; init; }

    /// <summary>Whether every requirement is met.</summary>
    public bool AllValid
    {
        get
        {
            foreach (var requirement in Requirements)
            {
                if (!requirement.IsValid)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Finds the requirement of a module.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <returns>The requirement, or <see langword="null"/> when the module is not required of the agent.</returns>
    public ModuleRequirement? Find(string moduleId)
    {
        foreach (var requirement in Requirements)
        {
            if (string.Equals(requirement.ModuleId, moduleId, StringComparison.Ordinal))
            {
                return requirement;
            }
        }

        return null;
    }
}

/// <summary>Helpers on <see cref="RequirementState"/>.</summary>
public static class RequirementStateExtensions
{
    /// <summary>Whether the state meets the requirement (done or expiring soon).</summary>
    /// <param name="state">The state.</param>
    /// <returns><see langword="true"/> for <see cref="RequirementState.Done"/> and <see cref="RequirementState.ExpiringSoon"/>.</returns>
    public static bool IsValid(this RequirementState state) => state is RequirementState.Done or RequirementState.ExpiringSoon;

    /// <summary>Whether the state calls for training (missing, expired, failed or blocked).</summary>
    /// <param name="state">The state.</param>
    /// <returns><see langword="true"/> when training is needed.</returns>
    public static bool NeedsTraining(this RequirementState state) =>
        state is RequirementState.Missing or RequirementState.Expired or RequirementState.Failed or RequirementState.Blocked;
}
