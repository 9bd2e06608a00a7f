namespace AiLiteracy.Engines;

/// <summary>
/// Tunable parameters shared by the engines. Every property documents its default; the defaults suit a French local
/// authority and need no configuration.
/// </summary>
public sealed record EngineOptions
{
    /// <summary>The options every engine uses when none are given.</summary>
    public static EngineOptions Default { get; } = new();

    /// <summary>
    /// Number of days before a completion expires during which the requirement is reported as
    /// <see cref="RequirementState.ExpiringSoon"/> (still valid, refresh to plan). Default: <c>60</c>. A requirement
    /// whose expiry date is exactly this many days away is already expiring soon; <c>0</c> disables the window.
    /// </summary>
    public int ExpiringSoonDays { get; init; } = 60;

    /// <summary>Number of learners per session used to size the training plan. Default: <c>12</c>.</summary>
    public int DefaultGroupSize { get; init; } = 12;

    /// <summary>
    /// Number of days after an agent's start date within which missing modules are due (newcomer period). Default:
    /// <c>90</c>. After that period, or when the start date is unknown, a missing module is due on the evaluation
    /// date.
    /// </summary>
    public int NewcomerDueDays { get; init; } = 90;

    /// <summary>Minimum number of active AI referents expected in each directorate. Default: <c>1</c>.</summary>
    public int ReferentTargetPerDirectorate { get; init; } = 1;

    /// <summary>
    /// When set, the referent target of a directorate also grows with its size: one referent per this many active
    /// agents (rounded up), never below <see cref="ReferentTargetPerDirectorate"/>. Default: <see langword="null"/>
    /// (a flat target).
    /// </summary>
    public int? AgentsPerReferent { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ExpiringSoonDays, nameof(ExpiringSoonDays));
        ArgumentOutOfRangeException.ThrowIfLessThan(DefaultGroupSize, 1, nameof(DefaultGroupSize));
        ArgumentOutOfRangeException.ThrowIfNegative(NewcomerDueDays, nameof(NewcomerDueDays));
        ArgumentOutOfRangeException.ThrowIfNegative(ReferentTargetPerDirectorate, nameof(ReferentTargetPerDirectorate));
        if (AgentsPerReferent is { } perReferent)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(perReferent, 1, nameof(AgentsPerReferent));
        }
    }
}
