using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Benchmarks;

/// <summary>
/// A seeded synthetic authority judged against the reference definitions: agents spread over the reference job
/// families and roles, and a fixed number of completions per agent, mostly of the modules each agent needs.
/// </summary>
public sealed class ReferencePopulation
{
    private ReferencePopulation(Agent[] agents, Completion[] completions, Acknowledgement[] acknowledgements)
    {
        Agents = agents;
        Completions = completions;
        Acknowledgements = acknowledgements;
    }

    /// <summary>The agents.</summary>
    public IReadOnlyList<Agent> Agents { get; }

    /// <summary>The completions.</summary>
    public IReadOnlyList<Completion> Completions { get; }

    /// <summary>The charter acknowledgements.</summary>
    public IReadOnlyList<Acknowledgement> Acknowledgements { get; }

    /// <summary>Generates the population.</summary>
    /// <param name="definitions">The compiled reference definitions.</param>
    /// <param name="agentCount">Number of agents.</param>
    /// <param name="completionsPerAgent">Number of completions per agent.</param>
    /// <param name="today">The evaluation date.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The population.</returns>
    public static ReferencePopulation Generate(CompiledDefinitions definitions, int agentCount, int completionsPerAgent, DateOnly today, int seed = 20260315)
    {
        var random = new Random(seed);
        var families = definitions.Definitions.JobFamilies.JobFamilies.Select(f => f.Id).ToArray();
        var modules = definitions.Definitions.Curriculum.Modules;
        var agents = new Agent[agentCount];
        var completions = new Completion[agentCount * completionsPerAgent];
        var acknowledgements = new List<Acknowledgement>(agentCount);
        var next = 0;
        for (var i = 0; i < agentCount; i++)
        {
            var elected = random.NextDouble() < 0.03;
            var roles = elected ? AgentRoles.Elected : AgentRoles.Agent;
            if (!elected && random.NextDouble() < 0.12)
            {
                roles |= AgentRoles.Manager;
            }

            if (!elected && random.NextDouble() < 0.02)
            {
                roles |= AgentRoles.Referent;
            }

            var agent = new Agent
            {
                EmployeeNumber = $"M{i:D7}",
                JobFamilyId = elected ? null : families[random.Next(families.Length)],
                OrgUnitId = $"DIR-{random.Next(12):D2}",
                Roles = roles,
                Status = random.NextDouble() < 0.95 ? EmploymentStatus.Active : EmploymentStatus.OnLeave,
                StartDate = today.AddDays(-random.Next(0, 7000)),
            };
            agents[i] = agent;

            var required = definitions.RequiredModulesFor(agent);
            for (var c = 0; c < completionsPerAgent; c++)
            {
                var module = required.Count > 0 && random.NextDouble() < 0.85
                    ? required[random.Next(required.Count)].Module
                    : modules[random.Next(modules.Count)];
                var roll = random.NextDouble();
                var outcome = roll < 0.6 ? CompletionOutcome.Passed : roll < 0.9 ? CompletionOutcome.Completed : CompletionOutcome.Failed;
                completions[next++] = new Completion
                {
                    EmployeeNumber = agent.EmployeeNumber,
                    ModuleId = module.Id,
                    ModuleVersion = module.Version,
                    Date = today.AddDays(-random.Next(0, 1100)),
                    Outcome = outcome,
                    Score = outcome == CompletionOutcome.Completed ? null : random.Next(40, 101),
                    DeliveryMode = module.DeliveryModes.Count > 0 ? module.DeliveryModes[0] : null,
                    Source = CompletionSource.Lms,
                };
            }

            if (random.NextDouble() < 0.85)
            {
                acknowledgements.Add(new Acknowledgement
                {
                    EmployeeNumber = agent.EmployeeNumber,
                    CharterVersion = definitions.CharterVersion,
                    Date = today.AddDays(-random.Next(0, 365)),
                });
            }
        }

        return new ReferencePopulation(agents, completions, [.. acknowledgements]);
    }
}
