using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using static AiLiteracy.Core.Tests.TestData.ModuleBuilder;

namespace AiLiteracy.Core.Tests;

public sealed class UsageCheckEngineTests
{
    private const string Number = "A001";

    private static DefinitionsBuilder StandardDefinitions() => DefinitionsBuilder.WithStandardCharter()
        .WithModules(CommonCore("TC-01"), Referent("REF-01").Optional())
        .WithTools(
            ToolBuilder.Approved("albert").UpTo(DataClass.Personal),
            ToolBuilder.Approved("onprem").UpTo(DataClass.Sensitive),
            ToolBuilder.Approved("lechat").UpTo(DataClass.Internal),
            ToolBuilder.Approved("copilot").UpTo(DataClass.Confidential).Requiring("REF-01"),
            ToolBuilder.Tolerated("chatgpt"),
            ToolBuilder.Forbidden("deepseek"));

    private static HistoryBuilder Cleared() => HistoryBuilder.For(Number).Completed("TC-01").Acknowledged(1);

    private static UsageDecision Check(UsageRequest request, HistoryBuilder? history = null, DefinitionsBuilder? definitions = null)
    {
        var scenario = new Scenario(definitions ?? StandardDefinitions());
        var engine = new UsageCheckEngine(scenario.Compliance);
        return engine.Check(AgentBuilder.Agent(Number).InJobFamily("rh"), (history ?? Cleared()).Build(), request);
    }

    private static UsageRequest Use(string tool, DataClass dataClass = DataClass.Internal) =>
        new() { ToolId = tool, DataClass = dataClass, Purpose = "Rédiger un courrier" };

    private static UsageReason SingleReason(UsageDecision decision)
    {
        Assert.Equal(UsageOutcome.Refused, decision.Outcome);
        Assert.Empty(decision.Conditions);
        return Assert.Single(decision.Reasons);
    }

    [Fact]
    public void UnknownTool_IsRefused_CitingTheApprovedToolsRule()
    {
        var reason = SingleReason(Check(Use("shadow-ai")));

        Assert.Equal(UsageReasonCode.ToolUnknown, reason.Code);
        Assert.Equal([Rules.ApprovedToolsOnly], reason.RuleIds);
    }

    [Fact]
    public void ForbiddenTool_IsRefused_CitingTheApprovedToolsRule()
    {
        var reason = SingleReason(Check(Use("deepseek", DataClass.Public)));

        Assert.Equal(UsageReasonCode.ToolForbidden, reason.Code);
        Assert.Equal([Rules.ApprovedToolsOnly], reason.RuleIds);
    }

    [Fact]
    public void DataAboveTheToolsLimit_IsRefused_CitingTheDataClassRule()
    {
        var reason = SingleReason(Check(Use("lechat", DataClass.Confidential)));

        Assert.Equal(UsageReasonCode.DataClassAboveToolLimit, reason.Code);
        Assert.Equal([Rules.DataClassLimit], reason.RuleIds);
    }

    [Fact]
    public void SensitiveData_InAToolNotApprovedForIt_IsRefused_CitingTheSensitiveDataRule()
    {
        var reason = SingleReason(Check(Use("albert", DataClass.Sensitive)));

        Assert.Equal(UsageReasonCode.SensitiveDataNotAllowed, reason.Code);
        Assert.Equal([Rules.SensitiveData], reason.RuleIds);
    }

    [Fact]
    public void SensitiveData_CitesTheDataClassRule_WhenTheCharterHasNoSensitiveDataRule()
    {
        var reason = SingleReason(Check(Use("albert", DataClass.Sensitive), definitions: StandardDefinitions().WithoutRule(CharterRuleKind.SensitiveData)));

        Assert.Equal([Rules.DataClassLimit], reason.RuleIds);
    }

    [Fact]
    public void ToleratedTool_WithNonPublicData_IsRefused()
    {
        var reason = SingleReason(Check(Use("chatgpt", DataClass.Internal)));

        Assert.Equal(UsageReasonCode.ToleratedToolNonPublicData, reason.Code);
        Assert.Equal([Rules.DataClassLimit, Rules.ApprovedToolsOnly], reason.RuleIds);
    }

    [Fact]
    public void ToleratedTool_WithPublicData_IsAllowedWithHumanReview()
    {
        var decision = Check(Use("chatgpt", DataClass.Public));

        Assert.Equal(UsageOutcome.AllowedWithConditions, decision.Outcome);
        var condition = Assert.Single(decision.Conditions);
        Assert.Equal(UsageConditionKind.HumanReview, condition.Kind);
        Assert.Equal([Rules.HumanReview], condition.RuleIds);
    }

    [Fact]
    public void AgentWithoutRequiredTraining_IsRefused_CitingTheTrainingRule()
    {
        var reason = SingleReason(Check(Use("albert"), HistoryBuilder.For(Number).Acknowledged(1)));

        Assert.Equal(UsageReasonCode.AgentNotCleared, reason.Code);
        Assert.Equal("TC-01", reason.ModuleId);
        Assert.Equal([Rules.TrainingBeforeAccess], reason.RuleIds);
    }

    [Fact]
    public void AgentWithoutCharterAcknowledgement_IsRefused_CitingTheAcknowledgementRule()
    {
        var reason = SingleReason(Check(Use("albert"), HistoryBuilder.For(Number).Completed("TC-01")));

        Assert.Equal(UsageReasonCode.AgentNotCleared, reason.Code);
        Assert.Equal([Rules.Acknowledgement], reason.RuleIds);
    }

    [Fact]
    public void AgentWithoutTheToolsRequiredModule_IsRefused_CitingTheTrainingRule()
    {
        var reason = SingleReason(Check(Use("copilot")));

        Assert.Equal(UsageReasonCode.AgentNotCleared, reason.Code);
        Assert.Equal("REF-01", reason.ModuleId);
        Assert.Equal([Rules.TrainingBeforeAccess], reason.RuleIds);

        Assert.True(Check(Use("copilot"), Cleared().Completed("REF-01")).IsAllowed);
    }

    [Fact]
    public void InternalUse_IsAllowedWithHumanReview_WhenTheCharterRequiresIt()
    {
        var decision = Check(Use("albert"));

        Assert.Equal(UsageOutcome.AllowedWithConditions, decision.Outcome);
        Assert.Equal([UsageConditionKind.HumanReview], decision.Conditions.Select(c => c.Kind).ToArray());
        Assert.Equal([Rules.HumanReview], decision.CitedRuleIds);
    }

    [Fact]
    public void UseWithoutOutput_IsAllowedWithoutCondition()
    {
        var decision = Check(Use("albert") with { OutputUsed = false });

        Assert.Equal(UsageOutcome.Allowed, decision.Outcome);
        Assert.Empty(decision.Conditions);
        Assert.Empty(decision.Reasons);
    }

    [Fact]
    public void InternalUse_IsAllowedWithoutCondition_WhenTheCharterHasNoHumanReviewRule()
    {
        var decision = Check(Use("albert"), definitions: StandardDefinitions().WithoutRule(CharterRuleKind.HumanReview));

        Assert.Equal(UsageOutcome.Allowed, decision.Outcome);
    }

    [Fact]
    public void PersonalData_InAnApprovedTool_IsAllowedOnConditionOfAnonymisation()
    {
        var decision = Check(Use("albert", DataClass.Personal));

        Assert.Equal(UsageOutcome.AllowedWithConditions, decision.Outcome);
        var anonymise = decision.Conditions.Single(c => c.Kind == UsageConditionKind.Anonymise);
        Assert.Equal([Rules.Anonymisation], anonymise.RuleIds);
    }

    [Fact]
    public void SensitiveData_InAToolApprovedForIt_IsAllowedOnConditionOfAnonymisation()
    {
        var decision = Check(Use("onprem", DataClass.Sensitive));

        Assert.Contains(decision.Conditions, c => c.Kind == UsageConditionKind.Anonymise);
    }

    [Fact]
    public void PersonalData_NeedsNoAnonymisation_WhenTheCharterHasNoAnonymisationRule()
    {
        var decision = Check(Use("albert", DataClass.Personal), definitions: StandardDefinitions().WithoutRule(CharterRuleKind.Anonymisation));

        Assert.DoesNotContain(decision.Conditions, c => c.Kind == UsageConditionKind.Anonymise);
    }

    [Fact]
    public void ExternalPublication_RequiresLabellingAndHumanReview()
    {
        var decision = Check(Use("albert", DataClass.Public) with { PublishedExternally = true });

        Assert.Equal(UsageOutcome.AllowedWithConditions, decision.Outcome);
        Assert.Equal([UsageConditionKind.Labelling, UsageConditionKind.HumanReview], decision.Conditions.Select(c => c.Kind).ToArray());
        Assert.Equal([Rules.Labelling, Rules.HumanReview], decision.CitedRuleIds);
    }

    [Fact]
    public void ExternalPublication_RequiresLabellingAndHumanReview_EvenWithoutCharterRules()
    {
        var definitions = StandardDefinitions().WithoutRule(CharterRuleKind.Labelling).WithoutRule(CharterRuleKind.HumanReview);

        var decision = Check(Use("albert", DataClass.Public) with { PublishedExternally = true }, definitions: definitions);

        Assert.Equal([UsageConditionKind.Labelling, UsageConditionKind.HumanReview], decision.Conditions.Select(c => c.Kind).ToArray());
        Assert.All(decision.Conditions, c => Assert.Empty(c.RuleIds));
    }

    [Fact]
    public void IndividualDecision_IsRefused_CitingTheNoAutomatedDecisionRule()
    {
        var reason = SingleReason(Check(Use("albert", DataClass.Personal) with { InvolvesIndividualDecision = true }));

        Assert.Equal(UsageReasonCode.AutomatedIndividualDecision, reason.Code);
        Assert.Equal([Rules.NoAutomatedDecision], reason.RuleIds);
    }

    [Fact]
    public void IndividualDecision_IsAllowedWithHumanReview_WhenTheCharterHasNoSuchRule()
    {
        var definitions = StandardDefinitions().WithoutRule(CharterRuleKind.NoAutomatedDecision).WithoutRule(CharterRuleKind.HumanReview);

        var decision = Check(Use("albert") with { InvolvesIndividualDecision = true }, definitions: definitions);

        Assert.Equal(UsageOutcome.AllowedWithConditions, decision.Outcome);
        Assert.Equal(UsageConditionKind.HumanReview, Assert.Single(decision.Conditions).Kind);
    }

    [Fact]
    public void Refusal_ReportsEveryReason()
    {
        var decision = Check(Use("chatgpt", DataClass.Sensitive) with { InvolvesIndividualDecision = true }, HistoryBuilder.For(Number));

        Assert.Equal(
            [UsageReasonCode.ToleratedToolNonPublicData, UsageReasonCode.AgentNotCleared, UsageReasonCode.AgentNotCleared, UsageReasonCode.AutomatedIndividualDecision],
            decision.Reasons.Select(r => r.Code).ToArray());
        Assert.Equal(
            [Rules.DataClassLimit, Rules.ApprovedToolsOnly, Rules.SensitiveData, Rules.TrainingBeforeAccess, Rules.Acknowledgement, Rules.NoAutomatedDecision],
            decision.CitedRuleIds);
    }

    [Fact]
    public void Decision_KeepsTheRequest()
    {
        var request = Use("albert");

        var decision = Check(request);

        Assert.Same(request, decision.Request);
        Assert.Equal(Number, decision.EmployeeNumber);
        Assert.Equal(TestClock.Today, decision.AsOf);
    }

    [Fact]
    public void Check_Throws_WhenTheToolClearanceIsForAnotherTool()
    {
        var scenario = new Scenario(StandardDefinitions());
        var history = Cleared().Build();
        var toolClearance = scenario.Compliance.EvaluateTool(scenario.ClearanceOf(AgentBuilder.Agent(Number), history), history, "albert");

        Assert.Throws<ArgumentException>(() => new UsageCheckEngine(scenario.Compliance).Check(toolClearance, Use("lechat")));
    }
}
