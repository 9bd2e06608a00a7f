using AiLiteracy.Engines;
using AiLiteracy.Model;
using Microsoft.Extensions.Time.Testing;

namespace AiLiteracy.Core.Tests.TestData;

/// <summary>Engines wired on a definition set and a fake clock.</summary>
public sealed class Scenario
{
    public Scenario(DefinitionsBuilder definitions, EngineOptions? options = null, DateOnly? today = null)
    {
        Clock = TestClock.At(today ?? TestClock.Today);
        Definitions = definitions.Compile();
        Options = options ?? EngineOptions.Default;
        Requirements = new RequirementsEngine(Definitions, Clock, Options);
        Compliance = new ComplianceEngine(Requirements);
        Competencies = new CompetencyEngine(Definitions, Clock);
    }

    public FakeTimeProvider Clock { get; }

    public CompiledDefinitions Definitions { get; }

    public EngineOptions Options { get; }

    public RequirementsEngine Requirements { get; }

    public ComplianceEngine Compliance { get; }

    public CompetencyEngine Competencies { get; }

    public AgentRequirements RequirementsOf(Agent agent, AgentHistory? history = null) =>
        Requirements.Evaluate(agent, history ?? AgentHistory.Empty(agent.EmployeeNumber));

    public ModuleRequirement RequirementOf(Agent agent, AgentHistory history, string moduleId) =>
        RequirementsOf(agent, history).Find(moduleId) ?? throw new InvalidOperationException($"{moduleId} is not required of {agent.EmployeeNumber}.");

    public Clearance ClearanceOf(Agent agent, AgentHistory? history = null) =>
        Compliance.Evaluate(agent, history ?? AgentHistory.Empty(agent.EmployeeNumber));
}
