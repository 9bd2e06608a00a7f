using System.Globalization;
using AiLiteracy.Model;

namespace AiLiteracy.Groups;

/// <summary>
/// The safety limit on removals: a bad input (a truncated HR export, a wrong rule) must never strip many people of
/// their access. A group exceeds the threshold when more than <see cref="MaxRemovalPercent"/> % of its current
/// members, or more than <see cref="MaxRemovals"/> members, would be removed; the sync then stops before any write
/// unless forced.
/// </summary>
public sealed record RemovalThreshold
{
    /// <summary>The default threshold: 10 % of a group or 500 members.</summary>
    public static RemovalThreshold Default { get; } = new();

    /// <summary>Largest share of the group's current members that can be removed in one run, in percent. Default: <c>10</c>.</summary>
    public decimal MaxRemovalPercent { get; init; } = 10m;

    /// <summary>Largest number of members of one group that can be removed in one run. Default: <c>500</c>.</summary>
    public int MaxRemovals { get; init; } = 500;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is outside 0–100 or the count is negative.</exception>
    public void Validate()
    {
        if (MaxRemovalPercent is < 0m or > 100m)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRemovalPercent), MaxRemovalPercent, "The percentage must be between 0 and 100.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxRemovals, nameof(MaxRemovals));
    }

    /// <summary>Checks the removals planned for one group.</summary>
    /// <param name="currentMembers">The number of members the group has now.</param>
    /// <param name="removals">The number of members the plan removes.</param>
    /// <returns>The outcome of the check.</returns>
    public RemovalCheck Check(int currentMembers, int removals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(currentMembers);
        ArgumentOutOfRangeException.ThrowIfNegative(removals);
        var percent = currentMembers == 0 ? (removals == 0 ? 0m : 100m) : Math.Round(removals * 100m / currentMembers, 2);
        var overCount = removals > MaxRemovals;
        var overPercent = removals > 0 && removals * 100m > MaxRemovalPercent * currentMembers;
        return new RemovalCheck
        {
            CurrentMembers = currentMembers,
            Removals = removals,
            Percent = percent,
            Threshold = this,
            Exceeded = overCount || overPercent,
        };
    }
}

/// <summary>The outcome of a <see cref="RemovalThreshold"/> check for one group.</summary>
public sealed record RemovalCheck
{
    /// <summary>The group's current number of members.</summary>
    public required int CurrentMembers { get; init; }

    /// <summary>The number of removals planned.</summary>
    public required int Removals { get; init; }

    /// <summary>The removals as a percentage of the current members.</summary>
    public required decimal Percent { get; init; }

    /// <summary>The threshold applied.</summary>
    public required RemovalThreshold Threshold { get; init; }

    /// <summary>Whether the removals exceed the threshold.</summary>
    public required bool Exceeded { get; init; }

    /// <summary>The user-facing explanation.</summary>
    public LocalizedText Message
    {
        get
        {
            var fr = CultureInfo.GetCultureInfo("fr-FR");
            var en = CultureInfo.InvariantCulture;
            var limitFr = $"seuil : {Threshold.MaxRemovalPercent.ToString("0.##", fr)} % ou {Threshold.MaxRemovals} membres";
            var limitEn = $"threshold: {Threshold.MaxRemovalPercent.ToString("0.##", en)} % or {Threshold.MaxRemovals} members";
            return Exceeded
                ? new(
                    $"{Removals} retrait(s) sur {CurrentMembers} membre(s) ({Percent.ToString("0.##", fr)} %) dépassent le seuil de sécurité ({limitFr}).",
                    $"{Removals} removal(s) out of {CurrentMembers} member(s) ({Percent.ToString("0.##", en)} %) exceed the safety threshold ({limitEn}).")
                : new(
                    $"{Removals} retrait(s) sur {CurrentMembers} membre(s) ({Percent.ToString("0.##", fr)} %), sous le seuil ({limitFr}).",
                    $"{Removals} removal(s) out of {CurrentMembers} member(s) ({Percent.ToString("0.##", en)} %), within the threshold ({limitEn}).");
        }
    }
}
