using System.Text.Json;
using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Engines;
using AiLiteracy.Model;

namespace AiLiteracy.Reports.Tests;

public sealed class TrainingPlanEngineExtensionTests
{
    [Fact]
    public void Build_FromEvaluatedRequirements_EqualsBuildFromAgentsAndRecords()
    {
        var clock = TestClock.Create();
        var definitions = RandomPopulation.RichDefinitions().Compile();
        var population = RandomPopulation.Generate(seed: 8, agentCount: 600, TestClock.Today);
        var records = TrainingRecords.Create(population.Completions, population.Acknowledgements, []);
        var requirements = new RequirementsEngine(definitions, clock);
        var engine = new TrainingPlanEngine(requirements);
        var organization = OrganizationBuilder.Standard().Build();

        var direct = engine.Build(organization, population.Agents, records);
        var evaluated = engine.Build(organization, population.Agents.Select(a => requirements.Evaluate(a, records.GetHistory(a.EmployeeNumber))));

        Assert.True(direct.HeadCount > 0);
        Assert.Equal(JsonSerializer.Serialize(direct, AiLiteracyJson.Compact), JsonSerializer.Serialize(evaluated, AiLiteracyJson.Compact));
    }

    [Fact]
    public void Build_FromEvaluatedRequirements_SkipsAgentsWhoAreNotActive()
    {
        var clock = TestClock.Create();
        var definitions = DefinitionsBuilder.WithStandardCharter().WithModules(ModuleBuilder.CommonCore("TC-01")).Compile();
        var requirements = new RequirementsEngine(definitions, clock);
        var engine = new TrainingPlanEngine(requirements);
        Agent[] agents = [AgentBuilder.Agent("A1"), AgentBuilder.Agent("A2").OnLeave(), AgentBuilder.Agent("A3").LeftOn(TestClock.Today.AddDays(-3))];

        var plan = engine.Build(OrganizationBuilder.Standard(), agents.Select(a => requirements.Evaluate(a, AgentHistory.Empty(a.EmployeeNumber))));

        Assert.Equal(1, plan.ActiveAgents);
        Assert.Equal(1, plan.HeadCount);
        Assert.Equal(TestClock.Today, plan.AsOf);
    }

    [Fact]
    public void Build_FromRequirementsOfAnotherDate_IsDatedWithThatDate()
    {
        var evaluatedOn = TestClock.Today.AddDays(-40);
        var definitions = DefinitionsBuilder.WithStandardCharter().WithModules(ModuleBuilder.CommonCore("TC-01")).Compile();
        var past = new RequirementsEngine(definitions, TestClock.At(evaluatedOn));
        var engine = new TrainingPlanEngine(definitions, TestClock.Create());
        Agent agent = AgentBuilder.Agent("A1");

        var plan = engine.Build(OrganizationBuilder.Standard(), [past.Evaluate(agent, AgentHistory.Empty("A1"))]);

        Assert.Equal(evaluatedOn, plan.AsOf);
    }
}
