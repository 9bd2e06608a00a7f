using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using static AiLiteracy.Core.Tests.TestData.ModuleBuilder;

namespace AiLiteracy.Core.Tests;

public sealed class LiteracyRegisterEngineTests
{
    private static readonly DateOnly LeftOn = TestClock.Today.AddMonths(-3);

    private static LiteracyRegister Register()
    {
        var scenario = new Scenario(DefinitionsBuilder.WithStandardCharter()
            .WithModules(CommonCore("TC-01").ValidFor(24).WithPassMark(70), Job("RH-01", "rh"), Referent("REF-01").Optional())
            .WithTools(
                ToolBuilder.Approved("albert").UpTo(DataClass.Personal),
                ToolBuilder.Approved("copilot").Requiring("REF-01"),
                ToolBuilder.Tolerated("chatgpt"),
                ToolBuilder.Forbidden("deepseek")));
        Agent[] agents =
        [
            AgentBuilder.Agent("A1").InJobFamily("rh").InOrgUnit("DRH-PAIE"),
            AgentBuilder.Agent("A2").InOrgUnit("DRH").AlsoReferent(),
            AgentBuilder.Agent("A3").InOrgUnit("DCOM"),
            AgentBuilder.Agent("A4").InOrgUnit("DCOM"),
            AgentBuilder.Agent("L1").InOrgUnit("DCOM").LeftOn(LeftOn),
        ];
        Completion[] completions =
        [
            CompletionBuilder.Of("A1", "TC-01").DaysAgo(100).Passed(90).DeliveredAs(DeliveryMode.Workshop),
            CompletionBuilder.Of("A1", "RH-01").DaysAgo(50),
            CompletionBuilder.Of("A2", "TC-01").DaysAgo(200).Scored(40),
            CompletionBuilder.Of("A2", "TC-01").DaysAgo(20).Passed(75),
            CompletionBuilder.Of("A2", "REF-01").DaysAgo(10),
            CompletionBuilder.Of("A3", "TC-01").On(TestClock.Today.AddDays(15).AddMonths(-24)),
            CompletionBuilder.Of("A4", "TC-01").MonthsAgo(30),
            CompletionBuilder.Of("L1", "TC-01").MonthsAgo(6).OfVersion(1).DeliveredAs(DeliveryMode.ELearning),
        ];
        Acknowledgement[] acknowledgements =
        [
            new() { EmployeeNumber = "A1", CharterVersion = 1, Date = TestClock.Today.AddDays(-90) },
            new() { EmployeeNumber = "A2", CharterVersion = 1, Date = TestClock.Today.AddDays(-90) },
            new() { EmployeeNumber = "A3", CharterVersion = 1, Date = TestClock.Today.AddDays(-90) },
            new() { EmployeeNumber = "L1", CharterVersion = 1, Date = TestClock.Today.AddDays(-200) },
        ];

        return new LiteracyRegisterEngine(scenario.Compliance)
            .Build(OrganizationBuilder.Standard(), agents, TrainingRecords.Create(completions, acknowledgements));
    }

    [Fact]
    public void AiSystems_ListNonForbiddenTools_WithTheNumberOfAgentsClearedForEach()
    {
        var register = Register();

        Assert.Equal(
            [("albert", 3), ("copilot", 1), ("chatgpt", 3)],
            register.AiSystems.Select(s => (s.ToolId, s.ClearedAgents)).ToArray());
    }

    [Fact]
    public void People_IncludeAgentsWhoLeft_FlaggedWithTheirHistory()
    {
        var left = Register().People.Single(p => p.EmployeeNumber == "L1");

        Assert.True(left.HasLeft);
        Assert.Equal(LeftOn, left.EndDate);
        Assert.False(left.IsCleared);
        var measure = Assert.Single(left.Measures);
        Assert.Equal(("TC-01", DeliveryMode.ELearning, true), (measure.ModuleId, measure.DeliveryMode, measure.Counts));
    }

    [Fact]
    public void Measures_RecordEveryCompletion_WithVersionDateFormatOutcomeAndScore_OldestFirst()
    {
        var measures = Register().People.Single(p => p.EmployeeNumber == "A2").Measures;

        Assert.Equal(
            [
                ("TC-01", 1, TestClock.Today.AddDays(-200), CompletionOutcome.Completed, (decimal?)40m, false),
                ("TC-01", 1, TestClock.Today.AddDays(-20), CompletionOutcome.Passed, 75m, true),
                ("REF-01", 1, TestClock.Today.AddDays(-10), CompletionOutcome.Completed, null, true),
            ],
            measures.Select(m => (m.ModuleId, m.ModuleVersion, m.Date, m.Outcome, m.Score, m.Counts)).ToArray());
        Assert.Equal(TrackKind.Referent, measures[2].Track);
        Assert.Equal(DeliveryMode.InPerson, measures[2].DeliveryMode);
    }

    [Fact]
    public void People_AreListedByEmployeeNumber()
    {
        Assert.Equal(["A1", "A2", "A3", "A4", "L1"], Register().People.Select(p => p.EmployeeNumber).ToArray());
    }

    [Fact]
    public void Coverage_GivesTheShareOfActiveAgentsClearedAndWithTheCommonCoreDone()
    {
        var register = Register();

        Assert.Equal((4, 3, 3, 0.75m, 0.75m), (register.Total.ActiveAgents, register.Total.Cleared, register.Total.CommonCoreDone, register.Total.ClearedShare, register.Total.CommonCoreShare));
        Assert.Equal(
            [("DRH", 1, 1, 1), ("DRH-PAIE", 1, 1, 1), ("DCOM", 2, 1, 1)],
            register.CoverageByOrgUnit.Select(c => (c.Id, c.ActiveAgents, c.Cleared, c.CommonCoreDone)).ToArray());
        Assert.Equal(
            [("DRH", 2, 2), ("DCOM", 2, 1)],
            register.CoverageByDirectorate.Select(c => (c.Id, c.ActiveAgents, c.Cleared)).ToArray());
    }

    [Fact]
    public void GapsAndRefreshesDue_ListActiveAgentsModules()
    {
        var register = Register();

        Assert.Empty(register.Gaps);
        Assert.Equal(
            [("A3", "TC-01", RequirementState.ExpiringSoon), ("A4", "TC-01", RequirementState.Expired)],
            register.RefreshesDue.Select(g => (g.EmployeeNumber, g.ModuleId, g.State)).ToArray());
        Assert.DoesNotContain(register.RefreshesDue.Concat(register.Gaps), g => g.EmployeeNumber == "L1");
    }

    [Fact]
    public void Register_CarriesTheVersionsAndDate()
    {
        var register = Register();

        Assert.Equal(("val-de-brume", "2026.1", 1, TestClock.Today), (register.OrganizationId, register.CurriculumVersion, register.CharterVersion, register.AsOf));
    }
}
