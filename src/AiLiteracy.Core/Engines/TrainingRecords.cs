using System.Runtime.InteropServices;
using AiLiteracy.Model;

namespace AiLiteracy.Engines;

/// <summary>
/// The training records of a whole authority indexed once by agent: build it from the completion, acknowledgement
/// and evidence logs, then ask for each agent's <see cref="AgentHistory"/>. Immutable and thread-safe.
/// </summary>
public sealed class TrainingRecords
{
    private readonly Dictionary<string, AgentHistory> histories;

    private TrainingRecords(Dictionary<string, AgentHistory> histories) => this.histories = histories;

    /// <summary>Records without any entry.</summary>
    public static TrainingRecords Empty { get; } = new(new Dictionary<string, AgentHistory>(StringComparer.Ordinal));

    /// <summary>The employee numbers that have at least one record.</summary>
    public IEnumerable<string> EmployeeNumbers => histories.Keys;

    /// <summary>The number of agents with at least one record.</summary>
    public int Count => histories.Count;

    /// <summary>Indexes the records of an authority by agent.</summary>
    /// <param name="completions">Every completion, in any order.</param>
    /// <param name="acknowledgements">Every charter acknowledgement.</param>
    /// <param name="evidence">Every competency evidence entry.</param>
    /// <returns>The indexed records.</returns>
    public static TrainingRecords Create(
        IEnumerable<Completion> completions,
        IEnumerable<Acknowledgement>? acknowledgements = null,
        IEnumerable<Evidence>? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(completions);
        var completionList = completions as IReadOnlyList<Completion> ?? completions.ToArray();

        // Two passes over the completions: count per agent, then fill exact-size arrays (no list growth).
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<int>();
        for (var i = 0; i < completionList.Count; i++)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(slots, completionList[i].EmployeeNumber, out var exists);
            if (!exists)
            {
                slot = counts.Count;
                counts.Add(0);
            }

            counts[slot]++;
        }

        var perAgent = new Completion[counts.Count][];
        for (var i = 0; i < perAgent.Length; i++)
        {
            perAgent[i] = new Completion[counts[i]];
            counts[i] = 0;
        }

        for (var i = 0; i < completionList.Count; i++)
        {
            var completion = completionList[i];
            var slot = slots[completion.EmployeeNumber];
            perAgent[slot][counts[slot]++] = completion;
        }

        var acknowledgementsByAgent = Group(acknowledgements, static a => a.EmployeeNumber);
        var evidenceByAgent = Group(evidence, static e => e.EmployeeNumber);

        var histories = new Dictionary<string, AgentHistory>(slots.Count, StringComparer.Ordinal);
        foreach (var (employeeNumber, slot) in slots)
        {
            histories[employeeNumber] = AgentHistory.FromOwnedArrays(
                employeeNumber,
                perAgent[slot],
                Take(acknowledgementsByAgent, employeeNumber),
                Take(evidenceByAgent, employeeNumber));
        }

        foreach (var employeeNumber in acknowledgementsByAgent.Keys.Concat(evidenceByAgent.Keys).ToArray())
        {
            if (!histories.ContainsKey(employeeNumber))
            {
                histories[employeeNumber] = AgentHistory.FromOwnedArrays(
                    employeeNumber,
                    [],
                    Take(acknowledgementsByAgent, employeeNumber),
                    Take(evidenceByAgent, employeeNumber));
            }
        }

        return new TrainingRecords(histories);
    }

    /// <summary>Returns the history of an agent; an empty history when the agent has no record.</summary>
    /// <param name="employeeNumber">The agent's employee number.</param>
    /// <returns>The history.</returns>
    public AgentHistory GetHistory(string employeeNumber)
    {
        ArgumentNullException.ThrowIfNull(employeeNumber);
        return histories.TryGetValue(employeeNumber, out var history) ? history : AgentHistory.Empty(employeeNumber);
    }

    private static Dictionary<string, List<T>> Group<T>(IEnumerable<T>? items, Func<T, string> key)
    {
        var result = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        if (items is null)
        {
            return result;
        }

        foreach (var item in items)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(result, key(item), out _);
            (list ??= []).Add(item);
        }

        return result;
    }

    private static T[] Take<T>(Dictionary<string, List<T>> groups, string employeeNumber) =>
        groups.TryGetValue(employeeNumber, out var list) ? [.. list] : [];
}
