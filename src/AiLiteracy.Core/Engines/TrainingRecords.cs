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
        var acknowledgementList = acknowledgements is null ? [] : acknowledgements as IReadOnlyList<Acknowledgement> ?? acknowledgements.ToArray();
        var evidenceList = evidence is null ? [] : evidence as IReadOnlyList<Evidence> ?? evidence.ToArray();

        // One slot per employee number, shared by the three logs; each record's slot is remembered so that the
        // second pass fills exact-size arrays without hashing the employee number again.
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var completionGroups = new Grouping<Completion>(completionList, slots, static c => c.EmployeeNumber);
        var acknowledgementGroups = new Grouping<Acknowledgement>(acknowledgementList, slots, static a => a.EmployeeNumber);
        var evidenceGroups = new Grouping<Evidence>(evidenceList, slots, static e => e.EmployeeNumber);

        var histories = new Dictionary<string, AgentHistory>(slots.Count, StringComparer.Ordinal);
        foreach (var (employeeNumber, slot) in slots)
        {
            histories[employeeNumber] = AgentHistory.FromOwnedArrays(
                employeeNumber,
                completionGroups.Take(slot, slots.Count),
                acknowledgementGroups.Take(slot, slots.Count),
                evidenceGroups.Take(slot, slots.Count));
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

    /// <summary>Two-pass grouping of one log by employee number.</summary>
    private sealed class Grouping<T>
    {
        private readonly IReadOnlyList<T> items;
        private readonly int[] itemSlots;
        private int[] counts = [];
        private T[][]? groups;

        public Grouping(IReadOnlyList<T> items, Dictionary<string, int> slots, Func<T, string> key)
        {
            this.items = items;
            itemSlots = new int[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(slots, key(items[i]), out var exists);
                if (!exists)
                {
                    slot = slots.Count - 1;
                }

                itemSlots[i] = slot;
                if (slot >= counts.Length)
                {
                    Array.Resize(ref counts, Math.Max(slot + 1, counts.Length * 2));
                }

                counts[slot]++;
            }
        }

        public T[] Take(int slot, int slotCount)
        {
            if (groups is null)
            {
                groups = new T[slotCount][];
                for (var i = 0; i < items.Count; i++)
                {
                    var itemSlot = itemSlots[i];
                    var group = groups[itemSlot] ??= new T[counts[itemSlot]];
                    group[group.Length - counts[itemSlot]--] = items[i];
                }
            }

            return groups[slot] ?? [];
        }
    }
}
