using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Core.Tests;

/// <summary>Properties that hold over seeded random populations.</summary>
public sealed class InvariantTests
{
    private const int AgentCount = 1500;

    public static TheoryData<int> Seeds => [1, 42, 2026, 31337];

    private sealed record World(Scenario Scenario, RandomPopulation Population, TrainingRecords Records)
    {
        public static World Create(int seed)
        {
            var scenario = new Scenario(RandomPopulation.RichDefinitions());
            var population = RandomPopulation.Generate(seed, AgentCount, TestClock.Today);
            return new World(scenario, population, TrainingRecords.Create(population.Completions, population.Acknowledgements));
        }

        public IEnumerable<(Agent Agent, AgentHistory History)> Agents =>
            Population.Agents.Select(a => (a, Records.GetHistory(a.EmployeeNumber)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Clearance_IsNeverGranted_WhileARequiredModuleIsMissingExpiredFailedOrBlocked(int seed)
    {
        var world = World.Create(seed);
        var cleared = 0;

        foreach (var (agent, history) in world.Agents)
        {
            var clearance = world.Scenario.Compliance.Evaluate(agent, history);
            if (!clearance.IsCleared)
            {
                Assert.NotEmpty(clearance.Reasons);
                continue;
            }

            cleared++;
            Assert.Equal(EmploymentStatus.Active, agent.Status);
            Assert.All(clearance.Requirements.Requirements, r => Assert.True(r.IsValid, $"{agent.EmployeeNumber} cleared with {r.ModuleId} {r.State}"));
            Assert.True(history.HasAcknowledged(3));
        }

        Assert.InRange(cleared, 1, AgentCount - 1);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Clearance_IsGranted_ExactlyWhenActiveAllRequirementsValidAndCharterAcknowledged(int seed)
    {
        var world = World.Create(seed);

        foreach (var (agent, history) in world.Agents)
        {
            var clearance = world.Scenario.Compliance.Evaluate(agent, history);
            var expected = agent.Status == EmploymentStatus.Active
                && clearance.Requirements.Requirements.All(r => r.State is RequirementState.Done or RequirementState.ExpiringSoon)
                && history.Acknowledgements.Any(a => a.CharterVersion >= 3);
            Assert.Equal(expected, clearance.IsCleared);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RequirementValidity_MatchesABruteForceReading(int seed)
    {
        var world = World.Create(seed);
        var definitions = world.Scenario.Definitions;
        var today = TestClock.Today;
        var statesSeen = new HashSet<RequirementState>();

        foreach (var (agent, history) in world.Agents.Where(a => a.Agent.Status == EmploymentStatus.Active))
        {
            foreach (var requirement in world.Scenario.RequirementsOf(agent, history).Requirements)
            {
                var module = definitions.FindModule(requirement.ModuleId)!;
                var counting = history.Completions
                    .Where(c => c.ModuleId == module.Id
                        && c.ModuleVersion >= module.MinimumVersion
                        && c.Outcome != CompletionOutcome.Failed
                        && !(module.Assessment is { } a && c.Score is { } s && s < a.PassMark))
                    .ToList();
                var valid = counting.Any(c => module.ValidityMonths is not { } v || c.Date.AddMonths(v) > today);
                Assert.Equal(valid, requirement.IsValid);
                statesSeen.Add(requirement.State);

                switch (requirement.State)
                {
                    case RequirementState.ExpiringSoon:
                        Assert.InRange(requirement.ExpiresOn!.Value.DayNumber - today.DayNumber, 1, 60);
                        break;
                    case RequirementState.Done:
                        Assert.True(requirement.ExpiresOn is null || requirement.ExpiresOn.Value.DayNumber - today.DayNumber > 60);
                        break;
                    case RequirementState.Expired:
                        Assert.True(requirement.ExpiresOn <= today);
                        break;
                    case RequirementState.Failed:
                        Assert.NotNull(requirement.LastFailedAttempt);
                        break;
                    case RequirementState.Blocked:
                        Assert.NotEmpty(requirement.BlockingPrerequisites);
                        Assert.Empty(counting);
                        break;
                    case RequirementState.Missing:
                        Assert.Empty(counting);
                        break;
                }
            }
        }

        Assert.Equal(Enum.GetValues<RequirementState>().Length, statesSeen.Count);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void PlanHeadCount_EqualsTheAgentModuleNeeds_AndPeopleToTrainTheAgentsWithOne(int seed)
    {
        var world = World.Create(seed);
        var needs = new HashSet<(string, string)>();
        var agentsWithNeeds = new HashSet<string>();
        var refreshes = 0;
        foreach (var (agent, history) in world.Agents)
        {
            foreach (var requirement in world.Scenario.RequirementsOf(agent, history).Requirements)
            {
                if (requirement.State is RequirementState.Missing or RequirementState.Expired or RequirementState.Failed or RequirementState.Blocked)
                {
                    needs.Add((agent.EmployeeNumber, requirement.ModuleId));
                    agentsWithNeeds.Add(agent.EmployeeNumber);
                }
                else if (requirement.State == RequirementState.ExpiringSoon)
                {
                    refreshes++;
                }
            }
        }

        var plan = new TrainingPlanEngine(world.Scenario.Requirements).Build(OrganizationBuilder.Standard(), world.Population.Agents, world.Records);

        Assert.Equal(needs.Count, plan.HeadCount);
        Assert.Equal(agentsWithNeeds.Count, plan.PeopleToTrain);
        Assert.Equal(refreshes, plan.Refreshes);
        Assert.Equal(plan.HeadCount, plan.Lines.Sum(l => l.PeopleToTrain));
        Assert.Equal(plan.HeadCount, plan.Modules.Sum(m => m.PeopleToTrain));
        Assert.Equal(plan.HeadCount, plan.OrgUnits.Sum(g => g.HeadCount));
        Assert.Equal(plan.PeopleToTrain, plan.Directorates.Sum(g => g.PeopleToTrain));
        Assert.Equal(plan.ActiveAgents, plan.JobFamilies.Sum(g => g.ActiveAgents));
        Assert.Equal(world.Population.Agents.Count(a => a.Status == EmploymentStatus.Active), plan.ActiveAgents);
        Assert.All(plan.Modules, m => Assert.Equal(m.IsELearningOnly ? 0 : (m.PeopleToTrain + 11) / 12, m.Sessions));
        Assert.Equal(plan.Sessions, plan.Modules.Sum(m => m.Sessions));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Register_KeepsEveryPersonAndEveryCompletion_AndAgreesWithThePlan(int seed)
    {
        var world = World.Create(seed);
        var register = new LiteracyRegisterEngine(world.Scenario.Compliance).Build(OrganizationBuilder.Standard(), world.Population.Agents, world.Records);
        var plan = new TrainingPlanEngine(world.Scenario.Requirements).Build(OrganizationBuilder.Standard(), world.Population.Agents, world.Records);

        Assert.Equal(AgentCount, register.People.Count);
        Assert.Equal(world.Population.Completions.Count, register.People.Sum(p => p.Measures.Count));
        Assert.Equal(plan.ActiveAgents, register.Total.ActiveAgents);
        Assert.Equal(plan.HeadCount, register.Gaps.Count + register.RefreshesDue.Count(g => g.State == RequirementState.Expired));
        Assert.Equal(plan.Refreshes, register.RefreshesDue.Count(g => g.State == RequirementState.ExpiringSoon));
        Assert.Equal(register.People.Count(p => p.IsCleared), register.Total.Cleared);
        Assert.All(register.AiSystems, s => Assert.InRange(s.ClearedAgents, 0, register.Total.Cleared));
        Assert.DoesNotContain(register.AiSystems, s => s.Tool.Status == ToolStatus.Forbidden);
    }

    [Fact]
    public void EveryReason_RendersAFrenchAndAnEnglishMessage()
    {
        var world = World.Create(3);
        var codes = new HashSet<string>();

        foreach (var (agent, history) in world.Agents)
        {
            var clearance = world.Scenario.Compliance.Evaluate(agent, history);
            var messages = clearance.Requirements.Requirements
                .SelectMany(r => r.Reasons.Select(reason => (Code: reason.Code.ToString(), reason.Message)))
                .Concat(clearance.Reasons.Select(reason => (Code: reason.Code.ToString(), reason.Message)));
            foreach (var (code, message) in messages)
            {
                codes.Add(code);
                Assert.False(string.IsNullOrWhiteSpace(message.Fr));
                Assert.False(string.IsNullOrWhiteSpace(message.En));
                Assert.NotEqual(message.Fr, message.En);
            }
        }

        Assert.Superset(
            new HashSet<string>(Enum.GetNames<RequirementReasonCode>().Concat(["AgentNotActive", "ModuleMissing", "ModuleExpired", "ModuleFailed", "ModuleBlocked", "CharterNotAcknowledged", "CharterAcknowledgementOutdated"])),
            codes);
    }

    [Fact]
    public void ParallelEvaluation_GivesTheSameResultsAsSequential()
    {
        var world = World.Create(7);
        var agents = world.Population.Agents;
        var sequential = world.Scenario.Compliance.EvaluateAll(agents, world.Records);
        var parallel = new Clearance[agents.Count];

        Parallel.For(0, agents.Count, i => parallel[i] = world.Scenario.Compliance.Evaluate(agents[i], world.Records.GetHistory(agents[i].EmployeeNumber)));

        for (var i = 0; i < agents.Count; i++)
        {
            Assert.Equal(sequential[i].IsCleared, parallel[i].IsCleared);
            Assert.Equal(
                sequential[i].Requirements.Requirements.Select(r => (r.ModuleId, r.State)),
                parallel[i].Requirements.Requirements.Select(r => (r.ModuleId, r.State)));
        }
    }
}
