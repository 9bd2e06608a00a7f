using AiLiteracy.Engines;
using AiLiteracy.Model;
using AiLiteracy.Schemas;
using BenchmarkDotNet.Attributes;

namespace AiLiteracy.Benchmarks;

/// <summary>
/// Requirements and clearance of a whole authority against the reference curriculum, with 10 completions per agent.
/// Target: 100,000 agents in under 1 s and 500 MB allocated, cost linear in the number of agents.
/// </summary>
[MemoryDiagnoser]
public class RequirementsAndClearanceBenchmarks
{
    private static readonly DateOnly Today = new(2026, 3, 15);

    private ComplianceEngine compliance = null!;
    private ReferencePopulation population = null!;
    private TrainingRecords records = null!;

    /// <summary>Number of agents.</summary>
    [Params(10_000, 100_000)]
    public int AgentCount { get; set; }

    /// <summary>Loads the reference definitions and generates the population.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var definitions = CompiledDefinitions.Compile(ReferenceContent.LoadAsync().GetAwaiter().GetResult());
        var clock = new FixedClock(new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        compliance = new ComplianceEngine(definitions, clock);
        population = ReferencePopulation.Generate(definitions, AgentCount, completionsPerAgent: 10, Today);
        records = TrainingRecords.Create(population.Completions, population.Acknowledgements);
    }

    /// <summary>Requirements and clearance of every agent, the records already indexed.</summary>
    /// <returns>The number of agents cleared.</returns>
    [Benchmark(Baseline = true)]
    public int Evaluate()
    {
        var cleared = 0;
        foreach (var agent in population.Agents)
        {
            if (compliance.Evaluate(agent, records.GetHistory(agent.EmployeeNumber)).IsCleared)
            {
                cleared++;
            }
        }

        return cleared;
    }

    /// <summary>Indexing the completion and acknowledgement logs by agent.</summary>
    /// <returns>The number of agents with records.</returns>
    [Benchmark]
    public int Index() => TrainingRecords.Create(population.Completions, population.Acknowledgements).Count;

    /// <summary>Indexing the completion and acknowledgement logs, then requirements and clearance of every agent, results kept.</summary>
    /// <returns>The number of agents cleared.</returns>
    [Benchmark]
    public int IndexAndEvaluate()
    {
        var indexed = TrainingRecords.Create(population.Completions, population.Acknowledgements);
        var results = compliance.EvaluateAll(population.Agents, indexed);
        var cleared = 0;
        foreach (var clearance in results)
        {
            cleared += clearance.IsCleared ? 1 : 0;
        }

        return cleared;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
