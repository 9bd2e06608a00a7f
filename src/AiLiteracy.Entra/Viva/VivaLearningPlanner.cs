using System.Security.Cryptography;
using System.Text;
using AiLiteracy.Engines;
using AiLiteracy.Groups;

namespace AiLiteracy.Entra.Viva;

/// <summary>Whether a Viva Learning course activity is an assignment still to do or a completion.</summary>
public enum VivaActivityKind
{
    /// <summary>A required module to take, with a due date (<c>learningAssignment</c>, status not started).</summary>
    Assignment,
    /// <summary>A module done (<c>learningSelfInitiatedCourse</c>, or the assignment marked completed).</summary>
    Completion,
}

/// <summary>What Viva Learning should show one learner for one module.</summary>
public sealed record VivaActivity
{
    /// <summary>The pair key (learner and module), stable across cycles; used to find the stored state.</summary>
    public required string PairKey { get; init; }

    /// <summary>The learner's Entra object id.</summary>
    public required string UserId { get; init; }

    /// <summary>The module id (the learning content's external id).</summary>
    public required string ModuleId { get; init; }

    /// <summary>Assignment or completion.</summary>
    public required VivaActivityKind Kind { get; init; }

    /// <summary>The due date, for assignments.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>The completion date, for completions.</summary>
    public DateOnly? CompletedOn { get; init; }

    /// <summary>
    /// The external course activity id of a new activity: stable for a learner, a module and a training cycle (a
    /// refresh after expiry opens a new cycle), pseudonymous (a hash: no employee number leaves for Viva).
    /// </summary>
    public required string ExternalId { get; init; }
}

/// <summary>Works out, from the requirements engine, the Viva Learning activities of the matched agents. Pure.</summary>
public static class VivaLearningPlanner
{
    /// <summary>Lists the activities: an assignment for each required module the agent needs to take, a completion for each one done.</summary>
    /// <param name="clearances">The clearances (with requirements) of the agents.</param>
    /// <param name="matches">Agents matched to users; unmatched agents get nothing.</param>
    /// <returns>The activities, by learner then module.</returns>
    public static IReadOnlyList<VivaActivity> Plan(IEnumerable<Clearance> clearances, UserMatchResult matches)
    {
        ArgumentNullException.ThrowIfNull(clearances);
        ArgumentNullException.ThrowIfNull(matches);
        var activities = new List<VivaActivity>();
        foreach (var clearance in clearances)
        {
            if (matches.UserOf(clearance.EmployeeNumber) is not { } user)
            {
                continue;
            }

            foreach (var requirement in clearance.Requirements.Requirements)
            {
                var pair = Hash(user.Id + "|" + requirement.ModuleId);
                if (requirement.IsValid && requirement.LastValidCompletion is { } done)
                {
                    activities.Add(new VivaActivity
                    {
                        PairKey = pair,
                        UserId = user.Id,
                        ModuleId = requirement.ModuleId,
                        Kind = VivaActivityKind.Completion,
                        CompletedOn = done.Date,
                        ExternalId = "ail-" + Hash(pair + "|done|" + done.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                    });
                }
                else if (requirement.NeedsTraining)
                {
                    // The cycle is the completion being refreshed (none for a first assignment).
                    var cycle = requirement.LastValidCompletion?.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "first";
                    activities.Add(new VivaActivity
                    {
                        PairKey = pair,
                        UserId = user.Id,
                        ModuleId = requirement.ModuleId,
                        Kind = VivaActivityKind.Assignment,
                        DueDate = requirement.DueDate,
                        ExternalId = "ail-" + Hash(pair + "|todo|" + cycle),
                    });
                }
            }
        }

        return activities;
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
}
