using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>
/// The training history of one agent, indexed for evaluation: completions grouped by module and ordered by date,
/// charter acknowledgements and competency evidence. History is kept whatever the agent's status (an agent who left
/// keeps theirs for the literacy register). Immutable and thread-safe.
/// </summary>
public sealed class AgentHistory
{
    private static readonly Comparison<Completion> ByModuleThenDate = static (a, b) =>
    {
        var byModule = string.CompareOrdinal(a.ModuleId, b.ModuleId);
        return byModule != 0 ? byModule : a.Date.CompareTo(b.Date);
    };

    private readonly Completion[] completions;

    private AgentHistory(string employeeNumber, Completion[] sortedCompletions, Acknowledgement[] acknowledgements, Evidence[] evidence)
    {
        EmployeeNumber = employeeNumber;
        completions = sortedCompletions;
        Acknowledgements = acknowledgements;
        Evidence = evidence;
        foreach (var acknowledgement in acknowledgements)
        {
            if (HighestAcknowledgedVersion is null || acknowledgement.CharterVersion > HighestAcknowledgedVersion)
            {
                HighestAcknowledgedVersion = acknowledgement.CharterVersion;
            }
        }
    }

    /// <summary>The agent's employee number.</summary>
    public string EmployeeNumber { get; }

    /// <summary>Every completion of the agent, grouped by module id (ordinal order) and ordered by date within a module.</summary>
    public IReadOnlyList<Completion> Completions => completions;

    /// <summary>The agent's charter acknowledgements, in the order given.</summary>
    public IReadOnlyList<Acknowledgement> Acknowledgements { get; }

    /// <summary>The agent's competency evidence, in the order given.</summary>
    public IReadOnlyList<Evidence> Evidence { get; }

    /// <summary>The highest charter version the agent acknowledged, or <see langword="null"/> when none.</summary>
    public int? HighestAcknowledgedVersion { get; }

    /// <summary>Creates the history of an agent without any record.</summary>
    /// <param name="employeeNumber">The agent's employee number.</param>
    /// <returns>An empty history.</returns>
    public static AgentHistory Empty(string employeeNumber)
    {
        ArgumentException.ThrowIfNullOrEmpty(employeeNumber);
        return new AgentHistory(employeeNumber, [], [], []);
    }

    /// <summary>Creates the history of one agent.</summary>
    /// <param name="employeeNumber">The agent's employee number.</param>
    /// <param name="completions">The agent's completions, in any order.</param>
    /// <param name="acknowledgements">The agent's charter acknowledgements.</param>
    /// <param name="evidence">The agent's competency evidence.</param>
    /// <returns>The indexed history.</returns>
    /// <exception cref="ArgumentException">A record belongs to another employee number.</exception>
    public static AgentHistory Create(
        string employeeNumber,
        IEnumerable<Completion> completions,
        IEnumerable<Acknowledgement>? acknowledgements = null,
        IEnumerable<Evidence>? evidence = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(employeeNumber);
        ArgumentNullException.ThrowIfNull(completions);
        var completionArray = completions.ToArray();
        foreach (var completion in completionArray)
        {
            EnsureOwner(employeeNumber, completion.EmployeeNumber, nameof(completions));
        }

        var acknowledgementArray = acknowledgements?.ToArray() ?? [];
        foreach (var acknowledgement in acknowledgementArray)
        {
            EnsureOwner(employeeNumber, acknowledgement.EmployeeNumber, nameof(acknowledgements));
        }

        var evidenceArray = evidence?.ToArray() ?? [];
        foreach (var item in evidenceArray)
        {
            EnsureOwner(employeeNumber, item.EmployeeNumber, nameof(evidence));
        }

        return FromOwnedArrays(employeeNumber, completionArray, acknowledgementArray, evidenceArray);
    }

    /// <summary>Returns the completions of one module, ordered by date (oldest first).</summary>
    /// <param name="moduleId">The module id.</param>
    /// <returns>The completions; empty when the agent never followed the module.</returns>
    public ReadOnlySpan<Completion> CompletionsOf(string moduleId)
    {
        ArgumentNullException.ThrowIfNull(moduleId);
        var items = completions;
        int low = 0, high = items.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(items[middle].ModuleId, moduleId) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var end = low;
        while (end < items.Length && string.Equals(items[end].ModuleId, moduleId, StringComparison.Ordinal))
        {
            end++;
        }

        return new ReadOnlySpan<Completion>(items, low, end - low);
    }

    /// <summary>Whether the agent acknowledged <paramref name="charterVersion"/> (or a later version).</summary>
    /// <param name="charterVersion">The charter version.</param>
    /// <returns><see langword="true"/> when acknowledged.</returns>
    public bool HasAcknowledged(int charterVersion) => HighestAcknowledgedVersion >= charterVersion;

    /// <summary>Builds a history from arrays the caller hands over (already checked to belong to the agent).</summary>
    internal static AgentHistory FromOwnedArrays(string employeeNumber, Completion[] completions, Acknowledgement[] acknowledgements, Evidence[] evidence)
    {
        if (completions.Length > 1)
        {
            Array.Sort(completions, ByModuleThenDate);
        }

        return new AgentHistory(employeeNumber, completions, acknowledgements, evidence);
    }

    private static void EnsureOwner(string employeeNumber, string owner, string parameterName)
    {
        if (!string.Equals(employeeNumber, owner, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"A record of employee '{owner}' was given for the history of employee '{employeeNumber}'.", parameterName);
        }
    }
}
