using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using static AiLiteracy.Core.Tests.TestData.ModuleBuilder;

namespace AiLiteracy.Core.Tests;

public sealed class ComplianceEngineTests
{
    private const string Number = "A001";

    private static DefinitionsBuilder StandardDefinitions() => DefinitionsBuilder.WithStandardCharter()
        .WithCharterVersion(2)
        .WithModules(
            CommonCore("TC-01").ValidFor(24),
            CommonCore("TC-02").After("TC-01").WithPassMark(70),
            Job("RH-01", "rh"),
            Referent("REF-01").Optional())
        .WithTools(
            ToolBuilder.Approved("albert").UpTo(DataClass.Personal),
            ToolBuilder.Approved("copilot").Requiring("REF-01"),
            ToolBuilder.Tolerated("chatgpt"),
            ToolBuilder.Forbidden("deepseek"));

    private static Scenario StandardScenario() => new(StandardDefinitions());

    private static Agent Hr() => AgentBuilder.Agent(Number).InJobFamily("rh");

    /// <summary>Every required module done and charter version 2 acknowledged.</summary>
    private static HistoryBuilder Compliant() => HistoryBuilder.For(Number)
        .Completed("TC-01").Completed("TC-02", c => c.Passed(80)).Completed("RH-01").Acknowledged(2);

    [Fact]
    public void Agent_IsCleared_WhenEveryRequiredModuleIsDoneAndTheCurrentCharterIsAcknowledged()
    {
        var clearance = StandardScenario().ClearanceOf(Hr(), Compliant());

        Assert.True(clearance.IsCleared);
        Assert.Empty(clearance.Reasons);
        Assert.Equal(2, clearance.AcknowledgedCharterVersion);
    }

    [Fact]
    public void Agent_IsCleared_WhenAModuleIsExpiringSoon()
    {
        var history = HistoryBuilder.For(Number)
            .Completed("TC-01", c => c.On(TestClock.Today.AddDays(20).AddMonths(-24)))
            .Completed("TC-02", c => c.Passed(80)).Completed("RH-01").Acknowledged(2);

        var clearance = StandardScenario().ClearanceOf(Hr(), history);

        Assert.Equal(RequirementState.ExpiringSoon, clearance.Requirements.Find("TC-01")!.State);
        Assert.True(clearance.IsCleared);
    }

    [Fact]
    public void Agent_IsNotCleared_WhenARequiredModuleIsMissing_CitingTheModuleAndTheTrainingRule()
    {
        var history = HistoryBuilder.For(Number).Completed("TC-01").Completed("TC-02", c => c.Passed(80)).Acknowledged(2);

        var clearance = StandardScenario().ClearanceOf(Hr(), history);

        Assert.False(clearance.IsCleared);
        var reason = Assert.Single(clearance.Reasons);
        Assert.Equal(ClearanceReasonCode.ModuleMissing, reason.Code);
        Assert.Equal("RH-01", reason.ModuleId);
        Assert.Equal(Rules.TrainingBeforeAccess, reason.RuleId);
        Assert.Contains("RH-01", reason.Message.Fr);
    }

    [Fact]
    public void Agent_IsNotCleared_WhenARequiredModuleExpired()
    {
        var history = HistoryBuilder.For(Number).Completed("TC-01", c => c.MonthsAgo(25)).Completed("TC-02", c => c.Passed(80)).Completed("RH-01").Acknowledged(2);

        var reason = Assert.Single(StandardScenario().ClearanceOf(Hr(), history).Reasons);

        Assert.Equal(ClearanceReasonCode.ModuleExpired, reason.Code);
        Assert.Equal("TC-01", reason.ModuleId);
        Assert.Equal(Rules.TrainingBeforeAccess, reason.RuleId);
    }

    [Fact]
    public void Agent_IsNotCleared_WhenARequiredModuleWasFailed()
    {
        var history = HistoryBuilder.For(Number).Completed("TC-01").Completed("TC-02", c => c.Scored(40)).Completed("RH-01").Acknowledged(2);

        var reason = Assert.Single(StandardScenario().ClearanceOf(Hr(), history).Reasons);

        Assert.Equal(ClearanceReasonCode.ModuleFailed, reason.Code);
        Assert.Equal("TC-02", reason.ModuleId);
    }

    [Fact]
    public void Agent_IsNotCleared_WhenARequiredModuleIsBlocked()
    {
        var clearance = StandardScenario().ClearanceOf(Hr(), HistoryBuilder.For(Number).Completed("RH-01").Acknowledged(2));

        Assert.Equal(
            [(ClearanceReasonCode.ModuleMissing, "TC-01"), (ClearanceReasonCode.ModuleBlocked, "TC-02")],
            clearance.Reasons.Select(r => (r.Code, r.ModuleId)).ToArray());
        Assert.All(clearance.Reasons, r => Assert.Equal(Rules.TrainingBeforeAccess, r.RuleId));
    }

    [Fact]
    public void Agent_IsNotCleared_WhenTheCharterWasNeverAcknowledged_CitingTheAcknowledgementRule()
    {
        var history = HistoryBuilder.For(Number).Completed("TC-01").Completed("TC-02", c => c.Passed(80)).Completed("RH-01");

        var reason = Assert.Single(StandardScenario().ClearanceOf(Hr(), history).Reasons);

        Assert.Equal(ClearanceReasonCode.CharterNotAcknowledged, reason.Code);
        Assert.Equal(Rules.Acknowledgement, reason.RuleId);
        Assert.Null(reason.ModuleId);
    }

    [Fact]
    public void CharterVersionBump_WithdrawsClearance_UntilReacknowledged()
    {
        var acknowledgedV1 = HistoryBuilder.For(Number).Completed("TC-01").Completed("TC-02", c => c.Passed(80)).Completed("RH-01").Acknowledged(1);
        var v1 = new Scenario(StandardDefinitions().WithCharterVersion(1));
        var v2 = new Scenario(StandardDefinitions().WithCharterVersion(2));

        Assert.True(v1.ClearanceOf(Hr(), acknowledgedV1).IsCleared);

        var afterBump = v2.ClearanceOf(Hr(), acknowledgedV1);
        Assert.False(afterBump.IsCleared);
        var reason = Assert.Single(afterBump.Reasons);
        Assert.Equal(ClearanceReasonCode.CharterAcknowledgementOutdated, reason.Code);
        Assert.Equal(Rules.Acknowledgement, reason.RuleId);
        Assert.Equal(1, afterBump.AcknowledgedCharterVersion);

        Assert.True(v2.ClearanceOf(Hr(), acknowledgedV1.Acknowledged(2, TestClock.Today)).IsCleared);
    }

    [Theory]
    [InlineData(EmploymentStatus.OnLeave)]
    [InlineData(EmploymentStatus.Left)]
    public void AgentNotActive_IsNeverCleared(EmploymentStatus status)
    {
        var clearance = StandardScenario().ClearanceOf(Hr() with { Status = status }, Compliant());

        Assert.False(clearance.IsCleared);
        Assert.Equal(ClearanceReasonCode.AgentNotActive, Assert.Single(clearance.Reasons).Code);
    }

    [Fact]
    public void Reasons_CiteNoRule_WhenTheCharterHasNoneOfThatKind()
    {
        var scenario = new Scenario(StandardDefinitions().WithoutRule(CharterRuleKind.TrainingBeforeAccess).WithoutRule(CharterRuleKind.Acknowledgement));

        var clearance = scenario.ClearanceOf(Hr());

        Assert.NotEmpty(clearance.Reasons);
        Assert.All(clearance.Reasons, r => Assert.Null(r.RuleId));
    }

    [Fact]
    public void Clearance_CanBeDecidedFromRequirementsAlreadyEvaluated()
    {
        var scenario = StandardScenario();
        var history = Compliant().Build();
        var requirements = scenario.Requirements.Evaluate(Hr(), history);

        var clearance = scenario.Compliance.Evaluate(requirements, history);

        Assert.Same(requirements, clearance.Requirements);
        Assert.True(clearance.IsCleared);
    }

    [Fact]
    public void ToolClearance_IsGranted_ForAnApprovedTool_WhenGenerallyCleared()
    {
        var scenario = StandardScenario();
        var history = Compliant().Build();

        var tool = scenario.Compliance.EvaluateTool(scenario.ClearanceOf(Hr(), history), history, "albert");

        Assert.True(tool.IsCleared);
        Assert.Equal("albert", tool.Tool!.Id);
    }

    [Fact]
    public void ToolClearance_IsGranted_ForAToleratedTool()
    {
        var scenario = StandardScenario();
        var history = Compliant().Build();

        Assert.True(scenario.Compliance.EvaluateTool(scenario.ClearanceOf(Hr(), history), history, "chatgpt").IsCleared);
    }

    [Fact]
    public void ToolClearance_IsRefused_ForAForbiddenTool_CitingTheApprovedToolsRule()
    {
        var scenario = StandardScenario();
        var history = Compliant().Build();

        var tool = scenario.Compliance.EvaluateTool(scenario.ClearanceOf(Hr(), history), history, "deepseek");

        var reason = Assert.Single(tool.Reasons);
        Assert.False(tool.IsCleared);
        Assert.Equal(ClearanceReasonCode.ToolForbidden, reason.Code);
        Assert.Equal(Rules.ApprovedToolsOnly, reason.RuleId);
    }

    [Fact]
    public void ToolClearance_IsRefused_ForAToolOutsideTheRegistry()
    {
        var scenario = StandardScenario();
        var history = Compliant().Build();

        var tool = scenario.Compliance.EvaluateTool(scenario.ClearanceOf(Hr(), history), history, "unknown-ai");

        Assert.Null(tool.Tool);
        Assert.Equal(ClearanceReasonCode.ToolUnknown, Assert.Single(tool.Reasons).Code);
    }

    [Fact]
    public void ToolClearance_IsRefused_UntilTheToolsRequiredModulesAreDone()
    {
        var scenario = StandardScenario();
        var history = Compliant().Build();

        var tool = scenario.Compliance.EvaluateTool(scenario.ClearanceOf(Hr(), history), history, "copilot");

        var reason = Assert.Single(tool.Reasons);
        Assert.Equal(ClearanceReasonCode.ToolModuleNotDone, reason.Code);
        Assert.Equal("REF-01", reason.ModuleId);
        Assert.Equal(Rules.TrainingBeforeAccess, reason.RuleId);

        var trained = Compliant().Completed("REF-01").Build();
        Assert.True(scenario.Compliance.EvaluateTool(scenario.ClearanceOf(Hr(), trained), trained, "copilot").IsCleared);
    }

    [Fact]
    public void ToolClearance_IsRefused_WhenNotGenerallyCleared_WithTheGeneralReasons()
    {
        var scenario = StandardScenario();
        var history = HistoryBuilder.For(Number).Acknowledged(2).Build();

        var tool = scenario.Compliance.EvaluateTool(scenario.ClearanceOf(Hr(), history), history, "albert");

        Assert.False(tool.IsCleared);
        Assert.Contains(tool.Reasons, r => r.Code == ClearanceReasonCode.ModuleMissing && r.ModuleId == "TC-01");
    }

    [Fact]
    public void EvaluateTools_DecidesEveryRegistryTool()
    {
        var scenario = StandardScenario();
        var history = Compliant().Build();

        var tools = scenario.Compliance.EvaluateTools(scenario.ClearanceOf(Hr(), history), history);

        Assert.Equal(
            [("albert", true), ("copilot", false), ("chatgpt", true), ("deepseek", false)],
            tools.Select(t => (t.ToolId, t.IsCleared)).ToArray());
    }
}
