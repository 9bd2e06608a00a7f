using AiLiteracy.Core.Tests.TestData;
using AiLiteracy.Engines;
using AiLiteracy.Model;
using static AiLiteracy.Core.Tests.TestData.ModuleBuilder;

namespace AiLiteracy.Core.Tests;

public sealed class RequirementsEngineTests
{
    private const string Number = "A001";

    private static Scenario StandardScenario(EngineOptions? options = null) => new(
        DefinitionsBuilder.WithStandardCharter().WithModules(
            CommonCore("TC-01").ValidFor(24),
            CommonCore("TC-02").After("TC-01").WithPassMark(70),
            CommonCore("TC-OPT").Optional(),
            Job("RH-01", "rh").After("TC-01"),
            Job("COMM-01", "communication"),
            Referent("REF-01").After("TC-01", "TC-02"),
            Elected("ELU-01"),
            Manager("MAN-01")),
        options);

    private static AgentBuilder Hr() => AgentBuilder.Agent(Number).InJobFamily("rh");

    private static HistoryBuilder History() => HistoryBuilder.For(Number);

    private static string[] RequiredIds(AgentRequirements requirements) => [.. requirements.Requirements.Select(r => r.ModuleId)];

    [Fact]
    public void Requirements_IncludeCommonCoreAndJobModules_ForAnActiveAgent()
    {
        var requirements = StandardScenario().RequirementsOf(Hr());

        Assert.Equal(["TC-01", "TC-02", "RH-01"], RequiredIds(requirements));
        Assert.True(requirements.IsPlanned);
    }

    [Fact]
    public void Requirements_ExcludeOptionalModules()
    {
        var requirements = StandardScenario().RequirementsOf(Hr());

        Assert.Null(requirements.Find("TC-OPT"));
    }

    [Fact]
    public void JobModule_IsNotRequired_OfAnotherJobFamily()
    {
        var requirements = StandardScenario().RequirementsOf(AgentBuilder.Agent(Number).InJobFamily("finances"));

        Assert.Equal(["TC-01", "TC-02"], RequiredIds(requirements));
    }

    [Fact]
    public void JobChange_RequiresTheNewJobModules_AndKeepsOldCompletions()
    {
        var scenario = StandardScenario();
        var history = History().Completed("TC-01").Completed("TC-02").Completed("RH-01").Build();

        var requirements = scenario.RequirementsOf(AgentBuilder.Agent(Number).InJobFamily("communication"), history);

        Assert.Equal(["TC-01", "TC-02", "COMM-01"], RequiredIds(requirements));
        Assert.Equal(RequirementState.Missing, requirements.Find("COMM-01")!.State);
        Assert.Single(history.CompletionsOf("RH-01").ToArray());
        Assert.True(scenario.Requirements.HasValidCompletion(history, "RH-01"));
    }

    [Fact]
    public void ElectedOfficial_WithoutJobFamily_TakesTheCommonCoreAndTheElectedTrack()
    {
        var requirements = StandardScenario().RequirementsOf(AgentBuilder.ElectedOfficial("E001"));

        Assert.Equal(["TC-01", "TC-02", "ELU-01"], RequiredIds(requirements));
        Assert.Equal(RequirementBasis.Role, requirements.Find("ELU-01")!.Basis);
    }

    [Fact]
    public void JobModuleWithoutJobFamilyList_IsNotRequired_OfAnAgentWithoutJobFamily()
    {
        var scenario = new Scenario(DefinitionsBuilder.Empty().WithModules(Job("JOB-ANY")));

        Assert.Empty(scenario.RequirementsOf(AgentBuilder.ElectedOfficial("E001")).Requirements);
        Assert.Equal(["JOB-ANY"], RequiredIds(scenario.RequirementsOf(AgentBuilder.Agent("A002").InJobFamily("rh"))));
    }

    [Fact]
    public void CommonCore_RestrictedToTheAgentRole_ExemptsElectedOfficials()
    {
        var scenario = new Scenario(DefinitionsBuilder.Empty().WithModules(
            CommonCore("TC-STAFF").ForRoles(AgentRoles.Agent), Elected("ELU-01")));

        Assert.Equal(["ELU-01"], RequiredIds(scenario.RequirementsOf(AgentBuilder.ElectedOfficial("E001"))));
        Assert.Equal(["TC-STAFF"], RequiredIds(scenario.RequirementsOf(AgentBuilder.Agent("A002"))));
    }

    [Fact]
    public void ReferentAndManagerTracks_AreRequired_ByRole()
    {
        var requirements = StandardScenario().RequirementsOf(Hr().AlsoReferent().AlsoManager());

        Assert.Equal(["TC-01", "TC-02", "RH-01", "REF-01", "MAN-01"], RequiredIds(requirements));
    }

    [Fact]
    public void TrackModule_WithAudienceRoles_TargetsThoseRolesInsteadOfTheTrackRole()
    {
        var scenario = new Scenario(DefinitionsBuilder.Empty().WithModules(Referent("REF-MGR").ForRoles(AgentRoles.Manager)));

        Assert.Empty(scenario.RequirementsOf(AgentBuilder.Agent("A1").AlsoReferent()).Requirements);
        Assert.Single(scenario.RequirementsOf(AgentBuilder.Agent("A2").AlsoManager()).Requirements);
    }

    [Theory]
    [InlineData(EmploymentStatus.OnLeave)]
    [InlineData(EmploymentStatus.Left)]
    public void AgentNotActive_HasNoRequirement_ButKeepsHistory(EmploymentStatus status)
    {
        var agent = Hr().Build() with { Status = status };
        var history = History().Completed("TC-01").Build();

        var requirements = StandardScenario().RequirementsOf(agent, history);

        Assert.False(requirements.IsPlanned);
        Assert.Empty(requirements.Requirements);
        Assert.Single(history.Completions);
    }

    [Fact]
    public void Requirement_IsMissing_WhenNeverCompleted()
    {
        var requirement = StandardScenario().RequirementOf(Hr(), History(), "TC-01");

        Assert.Equal(RequirementState.Missing, requirement.State);
        Assert.Equal(RequirementReasonCode.RequiredForEveryone, requirement.Reasons[0].Code);
        Assert.Equal(RequirementReasonCode.NotCompleted, requirement.Reasons[1].Code);
        Assert.True(requirement.NeedsTraining);
    }

    [Fact]
    public void Requirement_IsDone_WhenCompletedWithinValidity()
    {
        var completedOn = TestClock.Today.AddMonths(-3);
        var requirement = StandardScenario().RequirementOf(Hr(), History().Completed("TC-01", c => c.On(completedOn)), "TC-01");

        Assert.Equal(RequirementState.Done, requirement.State);
        Assert.Equal(completedOn.AddMonths(24), requirement.ExpiresOn);
        Assert.Equal(completedOn.AddMonths(24), requirement.DueDate);
        Assert.Equal(completedOn, requirement.LastValidCompletion!.Date);
    }

    [Fact]
    public void Requirement_WithoutValidity_NeverExpires()
    {
        var requirement = StandardScenario().RequirementOf(Hr(), History().Completed("RH-01", c => c.MonthsAgo(120)).Completed("TC-01"), "RH-01");

        Assert.Equal(RequirementState.Done, requirement.State);
        Assert.Null(requirement.ExpiresOn);
        Assert.Null(requirement.DueDate);
    }

    [Fact]
    public void Requirement_IsBlocked_WhenAPrerequisiteIsMissing()
    {
        var requirement = StandardScenario().RequirementOf(Hr(), History(), "RH-01");

        Assert.Equal(RequirementState.Blocked, requirement.State);
        Assert.Equal(["TC-01"], requirement.BlockingPrerequisites);
        Assert.Contains(requirement.Reasons, r => r.Code == RequirementReasonCode.PrerequisiteNotDone && r.RelatedId == "TC-01");
    }

    [Fact]
    public void Requirement_IsBlocked_WhenAPrerequisiteExpired()
    {
        var requirement = StandardScenario().RequirementOf(Hr(), History().Completed("TC-01", c => c.MonthsAgo(30)), "RH-01");

        Assert.Equal(RequirementState.Blocked, requirement.State);
    }

    [Fact]
    public void Requirement_ListsOnlyThePrerequisitesNotDone()
    {
        var requirement = StandardScenario().RequirementOf(Hr().AlsoReferent(), History().Completed("TC-01"), "REF-01");

        Assert.Equal(["TC-02"], requirement.BlockingPrerequisites);
    }

    [Fact]
    public void Requirement_IsMissingNotBlocked_WhenEveryPrerequisiteIsDone()
    {
        var requirement = StandardScenario().RequirementOf(Hr(), History().Completed("TC-01"), "RH-01");

        Assert.Equal(RequirementState.Missing, requirement.State);
        Assert.Empty(requirement.BlockingPrerequisites);
    }

    [Fact]
    public void Requirement_IsFailed_WhenTheOnlyAttemptFailed()
    {
        var requirement = StandardScenario().RequirementOf(Hr(), History().Completed("TC-01").Completed("TC-02", c => c.DaysAgo(5).Failed()), "TC-02");

        Assert.Equal(RequirementState.Failed, requirement.State);
        Assert.Equal(RequirementReasonCode.AttemptFailed, requirement.Reasons[1].Code);
        Assert.True(requirement.NeedsTraining);
    }

    [Fact]
    public void Requirement_IsDone_WhenFailedThenPassed()
    {
        var history = History().Completed("TC-01")
            .Completed("TC-02", c => c.DaysAgo(20).Failed())
            .Completed("TC-02", c => c.DaysAgo(5).Passed(85));

        var requirement = StandardScenario().RequirementOf(Hr(), history, "TC-02");

        Assert.Equal(RequirementState.Done, requirement.State);
        Assert.Equal(TestClock.Today.AddDays(-20), requirement.LastFailedAttempt!.Date);
    }

    [Fact]
    public void Requirement_StaysDone_WhenARetakeFailsAfterAValidPass()
    {
        var history = History().Completed("TC-01")
            .Completed("TC-02", c => c.DaysAgo(20).Passed(90))
            .Completed("TC-02", c => c.DaysAgo(5).Failed());

        Assert.Equal(RequirementState.Done, StandardScenario().RequirementOf(Hr(), history, "TC-02").State);
    }

    [Fact]
    public void Requirement_IsFailed_WhenARefresherFailsAfterExpiry()
    {
        var history = History()
            .Completed("TC-01", c => c.MonthsAgo(30))
            .Completed("TC-01", c => c.DaysAgo(3).Failed());

        Assert.Equal(RequirementState.Failed, StandardScenario().RequirementOf(Hr(), history, "TC-01").State);
    }

    [Fact]
    public void ScoredCompletion_BelowThePassMark_CountsAsFailed()
    {
        var history = History().Completed("TC-01").Completed("TC-02", c => c.Scored(55));

        var requirement = StandardScenario().RequirementOf(Hr(), history, "TC-02");

        Assert.Equal(RequirementState.Failed, requirement.State);
        Assert.Equal(RequirementReasonCode.ScoreBelowPassMark, requirement.Reasons[1].Code);
        Assert.Contains("55", requirement.Reasons[1].Message.Fr);
        Assert.Contains("70", requirement.Reasons[1].Message.En);
    }

    [Fact]
    public void PassedOutcome_WithAScoreBelowThePassMark_CountsAsFailed()
    {
        var history = History().Completed("TC-01").Completed("TC-02", c => c.Passed(69.5m));

        Assert.Equal(RequirementState.Failed, StandardScenario().RequirementOf(Hr(), history, "TC-02").State);
    }

    [Fact]
    public void ScoredCompletion_AtThePassMark_Counts()
    {
        var history = History().Completed("TC-01").Completed("TC-02", c => c.Passed(70));

        Assert.Equal(RequirementState.Done, StandardScenario().RequirementOf(Hr(), history, "TC-02").State);
    }

    [Fact]
    public void Score_IsIgnored_WhenTheModuleHasNoAssessment()
    {
        Assert.Equal(RequirementState.Done, StandardScenario().RequirementOf(Hr(), History().Completed("TC-01", c => c.Scored(10)), "TC-01").State);
    }

    [Fact]
    public void Requirement_IsExpired_WhenTheValidityHasPassed()
    {
        var completedOn = TestClock.Today.AddMonths(-25);

        var requirement = StandardScenario().RequirementOf(Hr(), History().Completed("TC-01", c => c.On(completedOn)), "TC-01");

        Assert.Equal(RequirementState.Expired, requirement.State);
        Assert.Equal(completedOn.AddMonths(24), requirement.ExpiresOn);
        Assert.Equal(RequirementReasonCode.Expired, requirement.Reasons[1].Code);
    }

    [Theory]
    [InlineData(0, RequirementState.Expired)]
    [InlineData(-1, RequirementState.Expired)]
    [InlineData(1, RequirementState.ExpiringSoon)]
    [InlineData(59, RequirementState.ExpiringSoon)]
    [InlineData(60, RequirementState.ExpiringSoon)]
    [InlineData(61, RequirementState.Done)]
    public void ExpiringSoonWindow_Boundaries(int daysUntilExpiry, RequirementState expected)
    {
        var completedOn = TestClock.Today.AddDays(daysUntilExpiry).AddMonths(-24);
        Assert.Equal(TestClock.Today.AddDays(daysUntilExpiry), completedOn.AddMonths(24));

        var requirement = StandardScenario().RequirementOf(Hr(), History().Completed("TC-01", c => c.On(completedOn)), "TC-01");

        Assert.Equal(expected, requirement.State);
    }

    [Fact]
    public void ExpiringSoonWindow_FollowsTheOptions()
    {
        var completedOn = TestClock.Today.AddDays(45).AddMonths(-24);
        var scenario = StandardScenario(new EngineOptions { ExpiringSoonDays = 30 });

        var requirement = scenario.RequirementOf(Hr(), History().Completed("TC-01", c => c.On(completedOn)), "TC-01");

        Assert.Equal(RequirementState.Done, requirement.State);
    }

    [Fact]
    public void ExpiringSoonRequirement_CarriesTheRefreshReason()
    {
        var requirement = StandardScenario().RequirementOf(Hr(), History().Completed("TC-01", c => c.On(TestClock.Today.AddDays(10).AddMonths(-24))), "TC-01");

        Assert.Equal(RequirementReasonCode.ExpiringSoon, requirement.Reasons[1].Code);
        Assert.True(requirement.IsValid);
        Assert.False(requirement.NeedsTraining);
    }

    [Fact]
    public void LatestCountingCompletion_GivesTheExpiry()
    {
        var latest = TestClock.Today.AddMonths(-2);
        var history = History()
            .Completed("TC-01", c => c.On(latest))
            .Completed("TC-01", c => c.MonthsAgo(26));

        var requirement = StandardScenario().RequirementOf(Hr(), history, "TC-01");

        Assert.Equal(RequirementState.Done, requirement.State);
        Assert.Equal(latest.AddMonths(24), requirement.ExpiresOn);
    }

    [Fact]
    public void CompletionOfAnOlderVersion_AtOrAboveTheMinimum_Counts()
    {
        var scenario = new Scenario(DefinitionsBuilder.Empty().WithModules(CommonCore("TC-01").WithVersion(3, minimum: 2)));

        var requirement = scenario.RequirementOf(AgentBuilder.Agent(Number), History().Completed("TC-01", c => c.OfVersion(2)), "TC-01");

        Assert.Equal(RequirementState.Done, requirement.State);
    }

    [Fact]
    public void CompletionOfAVersionBelowTheMinimum_DoesNotCount()
    {
        var scenario = new Scenario(DefinitionsBuilder.Empty().WithModules(CommonCore("TC-01").WithVersion(3, minimum: 2)));

        var requirement = scenario.RequirementOf(AgentBuilder.Agent(Number), History().Completed("TC-01", c => c.OfVersion(1)), "TC-01");

        Assert.Equal(RequirementState.Missing, requirement.State);
        Assert.Null(requirement.LastValidCompletion);
        Assert.Contains(requirement.Reasons, r => r.Code == RequirementReasonCode.VersionBelowMinimum);
    }

    [Fact]
    public void MissingModule_IsDueAtTheEndOfTheNewcomerPeriod()
    {
        var start = TestClock.Today.AddDays(-10);

        var requirement = StandardScenario().RequirementOf(Hr().StartedOn(start), History(), "TC-01");

        Assert.Equal(start.AddDays(90), requirement.DueDate);
    }

    [Fact]
    public void MissingModule_IsDueNow_AfterTheNewcomerPeriod()
    {
        var requirement = StandardScenario().RequirementOf(Hr().StartedOn(TestClock.Today.AddYears(-5)), History(), "TC-01");

        Assert.Equal(TestClock.Today, requirement.DueDate);
    }

    [Fact]
    public void Evaluation_UsesTheInjectedClock()
    {
        var scenario = StandardScenario();
        var history = History().Completed("TC-01", c => c.On(new DateOnly(2024, 3, 20))).Build();

        Assert.Equal(RequirementState.ExpiringSoon, scenario.RequirementOf(Hr(), history, "TC-01").State);

        scenario.Clock.Advance(TimeSpan.FromDays(10));

        var later = scenario.RequirementsOf(Hr(), history);
        Assert.Equal(RequirementState.Expired, later.Find("TC-01")!.State);
        Assert.Equal(TestClock.Today.AddDays(10), later.AsOf);
    }

    [Fact]
    public void Evaluate_Throws_WhenTheHistoryBelongsToAnotherAgent()
    {
        Assert.Throws<ArgumentException>(() => StandardScenario().RequirementsOf(Hr(), AgentHistory.Empty("B999")));
    }

    [Fact]
    public void Compile_Throws_WhenAModuleIdIsDuplicated()
    {
        Assert.Throws<ArgumentException>(() => DefinitionsBuilder.Empty().WithModules(CommonCore("TC-01"), Job("TC-01")).Compile());
    }

    [Fact]
    public void Options_AreValidated()
    {
        var definitions = DefinitionsBuilder.Empty().Compile();

        Assert.Throws<ArgumentOutOfRangeException>(() => new RequirementsEngine(definitions, TimeProvider.System, new EngineOptions { DefaultGroupSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequirementsEngine(definitions, TimeProvider.System, new EngineOptions { ExpiringSoonDays = -1 }));
    }
}
